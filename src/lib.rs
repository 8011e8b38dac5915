//! briefly: read news briefings in the terminal and annotate them from the keyboard.
//!
//! Data flows one way: `ingest` turns files into articles, `app::update` changes the state in
//! response to actions, `ui` draws the state, and `shell` is the only place with terminal I/O.

pub mod analysis;
pub mod analyzer;
pub mod app;
pub mod briefing;
pub mod cli;
pub mod command;
pub mod config;
pub mod crash;
pub mod demo;
pub mod extract;
pub mod extract_cli;
pub mod ingest;
pub mod input;
pub mod keeper;
pub mod keymap;
pub mod layout;
pub mod memory;
pub mod notes;
pub mod output;
pub mod perceptron;
pub mod plural;
pub mod sanitize;
pub mod search_cli;
pub mod sentences;
pub mod session;
pub mod shell;
pub mod stories;
pub mod subscriptions;
pub mod term;
pub mod transfer;
pub mod ui;
pub mod web;
pub mod wrap;
