// Std traits, derived or declared, on records and objects.
use std::fmt;

#[ferrogo::record(Display)]
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u32,
    pub label: String,
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.major, self.label)
    }
}

#[ferrogo::object(Display, Eq)]
#[derive(Debug, PartialEq)]
pub struct Session {
    id: u64,
}

impl Eq for Session {}

impl fmt::Display for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "session {}", self.id)
    }
}

fn main() {}

// A derived trait yields to a field of its method's Go name: no `Hash` method, field `Hash`.
#[ferrogo::record]
#[derive(PartialEq, Eq, Hash)]
pub struct Key {
    pub hash: u64,
}
