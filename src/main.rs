// Wired into `decisions build` by the command line; until then only the tests call it.
#[allow(dead_code)]
mod render;

fn main() {}
