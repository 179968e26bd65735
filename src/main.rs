// Renderers are reached from the build command; until it calls them, they are only tested.
#[allow(dead_code, unused_imports)]
mod render;

fn main() {}
