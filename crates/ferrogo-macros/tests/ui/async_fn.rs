#[ferrogo::export]
pub async fn fetch(url: &str) -> String {
    url.to_string()
}

fn main() {}
