// What an exported async fn cannot take: its future outlives the Go call that starts it.
#[ferrogo::record]
pub struct Query {
    pub key: String,
}

#[ferrogo::export]
pub async fn by_ref(q: &Query) -> u64 {
    q.key.len() as u64
}

#[ferrogo::export]
pub async fn words(list: Vec<&str>) -> u64 {
    list.len() as u64
}

#[ferrogo::export]
pub async fn tally(counts: std::collections::HashMap<&str, u64>) -> u64 {
    counts.values().sum()
}

#[ferrogo::export]
pub async fn visit(f: impl Fn(u32)) {
    f(1)
}

#[ferrogo::export]
pub async fn canceled(cancel: &ferrogo::Cancel) {
    let _ = cancel;
}

#[ferrogo::export(blocking)]
pub async fn slow() {}

#[ferrogo::object]
pub struct Conn {
    n: std::sync::atomic::AtomicU64,
}

#[ferrogo::export]
impl Conn {
    #[ferrogo::constructor]
    pub async fn open() -> Self {
        Conn { n: 0.into() }
    }

    pub async fn bump(&mut self) -> u64 {
        *self.n.get_mut() += 1;
        *self.n.get_mut()
    }
}

fn main() {}
