//! Every integration test, in one crate so cargo links one test binary (ripgrep's layout):
//! one module per topic, the helpers they share in `common`.

mod common;

mod architecture;
mod bad_input;
mod bilingual;
mod cli_json;
mod cli_options;
mod content_rules;
mod editions;
mod elements;
mod end_to_end;
mod engine;
mod essentials;
mod extraction;
mod fit;
mod i18n;
mod impose;
mod incremental;
mod inputs;
mod kill;
mod layout;
mod limits;
mod links;
mod local_help;
mod local_numbers;
mod lock;
mod manifest;
mod marks;
mod new_kinds;
mod numbers;
mod organisation;
mod paths;
mod pdf_tools;
mod project;
mod project_file;
mod props;
mod readback;
mod snapshots;
mod structure;
mod tools;
mod translations;
mod walkthrough;
