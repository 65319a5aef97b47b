#[ferrogo::record]
pub struct Version {
    pub major: u64,
}

#[ferrogo::export]
impl Version {
    pub fn bump(&mut self) {
        self.major += 1;
    }
}

fn main() {}
