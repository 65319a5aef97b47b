#[ferrogo::export]
pub fn wait(cancel: ferrogo::Cancel) {
    let _ = cancel;
}

fn main() {}
