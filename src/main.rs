// Renderers are reached from the build command; until it calls them, they are only tested.
#[allow(dead_code)]
mod render;

fn main() {}
