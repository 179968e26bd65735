#[allow(dead_code)] // called by `check`, `build` and `publish`, which are still to come
mod lint;

fn main() {}
