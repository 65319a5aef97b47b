//! Runs gofmt over generated code, so it is canonical Go.

use std::io::Write;
use std::process::{Command, Stdio};

pub fn format(source: &str) -> Result<String, String> {
    let mut child = match Command::new("gofmt")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("ferrogo: warning: gofmt not found ({e}); writing unformatted Go");
            return Ok(source.to_string());
        }
    };
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(source.as_bytes())
        .map_err(|e| format!("gofmt: {e}"))?;
    let out = child.wait_with_output().map_err(|e| format!("gofmt: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "gofmt rejected the generated Go (a ferrogo bug; please report it):\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("gofmt: {e}"))
}
