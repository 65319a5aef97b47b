// Exporting an async fn needs ferrogo's `async` feature (it brings in the runtime).
#[ferrogo::export]
pub async fn fetch(url: &str) -> String {
    url.to_string()
}

fn main() {}
