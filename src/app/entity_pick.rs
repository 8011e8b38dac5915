//! Picking which entity of the cursor's sentence to walk, without the entity panel: `] E`
//! goes from the one being walked to the sentence's next (round to the first).

use super::annotate;
use super::state::AppState;
use super::walk::visit;

pub(super) fn next_here(state: &mut AppState) {
    let article = state.selected;
    let Some(shown) = state.shown_article() else {
        return;
    };
    let Some((_, range)) = annotate::sentence_at(shown, state.cursor) else {
        return;
    };
    let para = state.cursor.para;
    let Some(found) = state.entries.get(article).and_then(|e| e.entities.clone()) else {
        return;
    };
    // The sentence's mentions that belong to an entity, one per entity, in reading order.
    let mut here: Vec<(usize, u32)> = Vec::new();
    for (i, m) in found.mentions.iter().enumerate() {
        if (m.para as usize) != para
            || (m.start as usize) < range.start
            || (m.start as usize) >= range.end
        {
            continue;
        }
        if let Some(id) = state.index.entity_of(article, i)
            && !here.iter().any(|&(_, e)| e == id)
        {
            here.push((i, id));
        }
    }
    if here.is_empty() {
        state.message = Some("no entity in the cursor's sentence".into());
        return;
    }
    let walked = state
        .walk
        .as_ref()
        .filter(|w| w.article == article)
        .and_then(|w| state.index.entity_of(article, w.mention))
        .and_then(|id| here.iter().position(|&(_, e)| e == id));
    let (mention, id) = match walked {
        Some(at) => here[(at + 1) % here.len()],
        None => here[0],
    };
    let name = state.index.entities[id as usize].name.clone();
    visit(state, name, article, mention);
}
