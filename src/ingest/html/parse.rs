//! HTML parsing that stays linear on hostile pages. html5ever's tree builder scans its stack of
//! open elements for many tags (scope checks), so 50,000 nested `<div>`s cost 50,000² steps,
//! and every walk over such a tree is as deep. Like browsers (Chromium stops nesting at 512),
//! tags that would nest deeper than [`MAX_OPEN`] are not given to the tree builder: their text
//! is kept, and a block tag becomes a line break so that paragraphs stay apart. A page whose
//! tree is never that deep is parsed exactly as html5ever parses it.
//!
//! The guard sits between html5ever's tokenizer and its tree builder, so comments, raw text,
//! attributes and character references are read by html5ever itself. Tags with very many
//! attributes are cut before that (`markup::cap_attributes`): the tokenizer checks each
//! attribute against the tag's others.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, EndTag, StartTag, Tag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};
use html5ever::tree_builder::{Tracer, TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{LocalName, QualName, TokenizerResult, local_name, ns};
use scraper::Html;

use super::markup::cap_attributes;
use super::sink::Counted;
use super::tags::{adds_one_element, has_text, is_block, is_raw_text, is_void};

/// The most elements the tree builder may hold open (its stack and its list of formatting
/// elements together). Real pages stay far below: the deepest of the evaluation pages nests
/// about 50 elements.
pub const MAX_OPEN: usize = 256;

/// A page repeats `<html>` and `<body>` only to add attributes; more than this many are
/// ignored (scraper inserts each attribute into a sorted list, quadratic in their number).
const MAX_ROOT_TAGS: usize = 16;

/// Elements the tree builder may create beyond the start tags it was given (implied `<tbody>`,
/// formatting elements reopened in each new paragraph) before the rest of the page is read as
/// text only: 500 distinct unclosed `<b id=..>` tags would otherwise be rebuilt in every
/// following paragraph.
const SPARE_ELEMENTS: usize = 10_000;

/// Parses a whole page.
pub fn document(html: &str) -> Html {
    let builder = TreeBuilder::new(
        Counted::new(Html::new_document()),
        TreeBuilderOpts::default(),
    );
    run(builder, TokenizerOpts::default(), html)
}

/// Parses an HTML fragment (a feed entry's content) as the children of a `<body>`.
pub fn fragment(html: &str) -> Html {
    let sink = Counted::new(Html::new_fragment());
    let context = html5ever::tree_builder::create_element(
        &sink,
        QualName::new(None, ns!(html), local_name!("body")),
        Vec::new(),
    );
    let builder = TreeBuilder::new_for_fragment(sink, context, None, TreeBuilderOpts::default());
    let opts = TokenizerOpts {
        initial_state: Some(builder.tokenizer_state_for_context_elem(false)),
        ..TokenizerOpts::default()
    };
    run(builder, opts, html)
}

fn run(builder: TreeBuilder<NodeId, Counted>, opts: TokenizerOpts, html: &str) -> Html {
    let html = cap_attributes(html);
    let tokenizer = Tokenizer::new(Guard::new(builder), opts);
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(&html));
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.builder.sink.finish()
}

/// What the tree builder holds open, as last counted.
struct Open {
    handles: Vec<NodeId>,
    /// Their names, gathered when first asked for.
    names: Option<HashSet<LocalName>>,
    /// `Counted::created` when counted: a new element may have changed what is open.
    created: usize,
}

/// Gathers the handles the tree builder traces: its document, its open elements and its
/// formatting elements (a few more or less do not matter here).
struct Census(RefCell<Vec<NodeId>>);

impl Tracer for Census {
    type Handle = NodeId;
    fn trace_handle(&self, node: &NodeId) {
        self.0.borrow_mut().push(*node);
    }
}

#[derive(Default)]
struct GuardState {
    /// Counted when a tag arrives and the last count is stale; dropped when a tag is given
    /// to the tree builder (which may open or close elements).
    open: Option<Open>,
    /// Start tags left out, by name: their end tags are left out too.
    dropped: HashMap<LocalName, usize>,
    start_tags: usize,
    root_tags: usize,
    /// Past the element budget: only text (and raw-text elements) are given on.
    flat: bool,
    /// Line breaks given in place of left-out tags since the last text.
    breaks_in_row: u8,
    /// A block has been opened for the text of left-out tags, and no tag has been given on
    /// since (which might have closed it).
    container: bool,
    /// The last count of what is open, and `Counted::created` then: a bound on what is open
    /// since (see [`Guard::deep`]).
    counted: Option<(usize, usize)>,
}

/// A token sink that hands html5ever's tree builder every token but the tags that would nest
/// too deep.
struct Guard {
    builder: TreeBuilder<NodeId, Counted>,
    state: RefCell<GuardState>,
}

impl Guard {
    fn new(builder: TreeBuilder<NodeId, Counted>) -> Guard {
        Guard {
            builder,
            state: RefCell::new(GuardState::default()),
        }
    }

    fn pass(&self, token: Token, line: u64) -> TokenSinkResult<NodeId> {
        self.builder.process_token(token, line)
    }

    /// Gives the tree builder a tag that adds one element and closes it at once (a line
    /// break, an image): when that is all it did, what is open has not changed and the last
    /// count still holds.
    fn pass_void(&self, tag: Tag, line: u64) -> TokenSinkResult<NodeId> {
        let before = self.builder.sink.created.get();
        let result = self.pass(TagToken(tag), line);
        let after = self.builder.sink.created.get();
        if let Some(open) = &mut self.state.borrow_mut().open
            && after == before + 1
            && open.created == before
        {
            open.created = after;
        }
        result
    }

    /// A line break in place of a left-out block tag, so that its text stays apart (two in a
    /// row are enough for that).
    fn line_break(&self, line: u64) -> TokenSinkResult<NodeId> {
        {
            let mut state = self.state.borrow_mut();
            if state.breaks_in_row >= 2 {
                return TokenSinkResult::Continue;
            }
            state.breaks_in_row += 1;
        }
        self.pass_void(
            Tag {
                kind: StartTag,
                name: local_name!("br"),
                self_closing: false,
                attrs: Vec::new(),
                had_duplicate_attributes: false,
            },
            line,
        )
    }

    fn leave_out(&self, name: &LocalName, line: u64) -> TokenSinkResult<NodeId> {
        if is_block(name) {
            self.line_break(line)
        } else {
            TokenSinkResult::Continue
        }
    }

    /// What is open, counted again when stale.
    fn open<'s>(&self, state: &'s mut GuardState) -> &'s mut Open {
        let created = self.builder.sink.created.get();
        if state.open.as_ref().is_none_or(|o| o.created != created) {
            let census = Census(RefCell::new(Vec::with_capacity(64)));
            self.builder.trace_handles(&census);
            state.counted = Some((census.0.borrow().len(), created));
            state.open = Some(Open {
                handles: census.0.into_inner(),
                names: None,
                created,
            });
        }
        state.open.get_or_insert_with(|| unreachable!())
    }

    /// Whether what is open has reached [`MAX_OPEN`]. Only an element the tree builder
    /// creates adds to what is open, and at most two handles (on the stack of open elements
    /// and in the list of formatting elements, or as the head or form element besides): while
    /// the last count and twice the elements created since stay below the limit, nothing is
    /// counted again (a count walks the whole stack).
    fn deep(&self, state: &mut GuardState) -> bool {
        let created = self.builder.sink.created.get();
        if let Some((count, then)) = state.counted
            && count + 2 * (created - then) < MAX_OPEN
        {
            return false;
        }
        self.open(state).handles.len() >= MAX_OPEN
    }

    /// Whether an element of this name is open (or in the list of formatting elements).
    fn holds(&self, state: &mut GuardState, name: &LocalName) -> bool {
        let sink = &self.builder.sink;
        let open = self.open(state);
        open.names
            .get_or_insert_with(|| {
                let html = sink.inner.0.borrow();
                open.handles
                    .iter()
                    .filter_map(|h| html.tree.get(*h)?.value().as_element())
                    .map(|e| e.name.local.clone())
                    .collect()
            })
            .contains(name)
    }

    fn start_tag(&self, tag: Tag, line: u64) -> TokenSinkResult<NodeId> {
        let mut state = self.state.borrow_mut();
        let name = tag.name.clone();
        if is_raw_text(&name) || is_void(&name) {
            if name == local_name!("xmp") && self.deep(&mut state) {
                // Its text is text anyway; the tree builder would scan the whole stack.
                *state.dropped.entry(name).or_insert(0) += 1;
                return TokenSinkResult::RawData(RawKind::Rawtext);
            }
            if name == local_name!("hr") && self.deep(&mut state) {
                drop(state);
                return self.line_break(line);
            }
            state.breaks_in_row = 0;
            if adds_one_element(&name) {
                drop(state);
                return self.pass_void(tag, line);
            }
            state.open = None;
            drop(state);
            return self.pass(TagToken(tag), line);
        }
        if matches!(
            name,
            local_name!("html") | local_name!("body") | local_name!("head")
        ) {
            state.root_tags += 1;
            if state.root_tags > MAX_ROOT_TAGS {
                return TokenSinkResult::Continue;
            }
            state.open = None;
            drop(state);
            return self.pass(TagToken(tag), line);
        }
        let budget = 2 * state.start_tags + SPARE_ELEMENTS;
        if !state.flat && self.builder.sink.created.get() > budget {
            state.flat = true;
        }
        if state.flat || self.deep(&mut state) {
            *state.dropped.entry(name.clone()).or_insert(0) += 1;
            let container = !std::mem::replace(&mut state.container, true);
            if container {
                state.open = None;
            }
            drop(state);
            if container {
                // The text of the left-out tags goes into one block of its own, which the
                // extractor reads like any other (the innermost open element may be a <b>).
                let _ = self.pass(
                    TagToken(Tag {
                        kind: StartTag,
                        name: local_name!("div"),
                        self_closing: false,
                        attrs: Vec::new(),
                        had_duplicate_attributes: false,
                    }),
                    line,
                );
            }
            return self.leave_out(&name, line);
        }
        state.start_tags += 1;
        state.breaks_in_row = 0;
        state.container = false;
        state.open = None;
        drop(state);
        self.pass(TagToken(tag), line)
    }

    fn end_tag(&self, tag: Tag, line: u64) -> TokenSinkResult<NodeId> {
        let mut state = self.state.borrow_mut();
        let name = tag.name.clone();
        if let Some(n) = state.dropped.get_mut(&name)
            && *n > 0
        {
            *n -= 1;
            drop(state);
            return self.leave_out(&name, line);
        }
        if state.flat && !is_raw_text(&name) {
            drop(state);
            return self.leave_out(&name, line);
        }
        // Deep in a page, an end tag of nothing open changes nothing the reader sees (the
        // tree builder ignores it, or adds an empty <p>), but costs a scan of the stack.
        if self.deep(&mut state) && !self.holds(&mut state, &name) {
            return TokenSinkResult::Continue;
        }
        state.breaks_in_row = 0;
        state.container = false;
        state.open = None;
        drop(state);
        self.pass(TagToken(tag), line)
    }
}

impl TokenSink for Guard {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<NodeId> {
        match token {
            TagToken(tag) if tag.kind == StartTag => self.start_tag(tag, line),
            TagToken(tag) if tag.kind == EndTag => self.end_tag(tag, line),
            Token::CharacterTokens(text) => {
                if has_text(&text) {
                    self.state.borrow_mut().breaks_in_row = 0;
                }
                self.pass(Token::CharacterTokens(text), line)
            }
            other => self.pass(other, line),
        }
    }

    fn end(&self) {
        self.builder.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}
