#[ferrogo::object]
pub struct Session;

#[ferrogo::export]
impl Session {
    #[ferrogo::constructor]
    pub fn open(path: *const u8) -> i64 {
        let _ = path;
        0
    }

    pub fn write(&mut self, data: &mut [u8]) {
        let _ = data;
    }

    pub async fn flush(self) {}
}

fn main() {}
