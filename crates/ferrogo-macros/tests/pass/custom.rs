// A custom type crosses as its builtin type: as an argument, borrowed, in a record, in a list
// and an option, and returned.
#[ferrogo::custom(u64)]
#[derive(Clone, Debug)]
pub struct Port(u16);

impl TryFrom<u64> for Port {
    type Error = String;
    fn try_from(n: u64) -> Result<Port, String> {
        u16::try_from(n).map(Port).map_err(|_| "out of range".to_string())
    }
}

impl From<Port> for u64 {
    fn from(p: Port) -> u64 {
        p.0.into()
    }
}

#[ferrogo::record]
pub struct Listener {
    pub port: Port,
    pub fallback: Option<Port>,
    pub also: Vec<Port>,
}

#[ferrogo::export]
pub fn next(p: &Port) -> Port {
    Port(p.0 + 1)
}

#[ferrogo::export]
pub fn ports(l: Listener) -> Vec<Port> {
    std::iter::once(l.port).chain(l.fallback).chain(l.also).collect()
}

fn main() {}
