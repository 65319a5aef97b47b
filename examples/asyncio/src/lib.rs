//! tokio's file I/O for Go: async copies, hashes and directory listings that goroutines await
//! without holding OS threads, reporting progress to Go code through a Rust trait Go implements.

use std::collections::BTreeMap;
use std::io::ErrorKind;

use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// How much a copy or hash reads at a time.
const CHUNK: usize = 64 * 1024;

/// What went wrong with a file.
#[ferrogo::error]
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file (or directory) does not exist.
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
    /// Any other I/O error, with the OS's message.
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    /// The Go progress reporter asked to stop.
    #[error("stopped by the progress reporter")]
    Stopped,
}

impl FileError {
    fn io(path: &str, e: std::io::Error) -> FileError {
        match e.kind() {
            ErrorKind::NotFound => FileError::NotFound { path: path.into() },
            _ => FileError::Io {
                path: path.into(),
                message: e.to_string(),
            },
        }
    }
}

/// Progress of a long operation, implemented in Go.
#[ferrogo::callback]
pub trait Progress: Send + Sync {
    /// `done` of `total` bytes of `path` are through. Returning false stops the operation.
    fn advance(&self, path: &str, done: u64, total: u64) -> bool;
}

/// Removes a file that was being written unless it was finished: a copy that fails, or whose
/// future is dropped (its Go context ended), leaves no partial file behind.
struct Partial {
    path: Option<String>,
}

impl Drop for Partial {
    fn drop(&mut self) {
        if let Some(p) = self.path.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Copies `src` to `dst` in 64 KiB chunks with tokio's file I/O, reporting each chunk to
/// `progress`; returns the bytes copied. A failed or canceled copy removes `dst`.
#[ferrogo::export]
pub async fn copy_file(src: &str, dst: &str, progress: Box<dyn Progress>) -> Result<u64, FileError> {
    let mut from = tokio::fs::File::open(src)
        .await
        .map_err(|e| FileError::io(src, e))?;
    let total = from.metadata().await.map_err(|e| FileError::io(src, e))?.len();
    let mut to = tokio::fs::File::create(dst)
        .await
        .map_err(|e| FileError::io(dst, e))?;
    let mut partial = Partial {
        path: Some(dst.to_string()),
    };
    let mut buf = vec![0u8; CHUNK];
    let mut done = 0u64;
    loop {
        let n = from.read(&mut buf).await.map_err(|e| FileError::io(src, e))?;
        if n == 0 {
            break;
        }
        to.write_all(&buf[..n]).await.map_err(|e| FileError::io(dst, e))?;
        done += n as u64;
        if !progress.advance(src, done, total) {
            return Err(FileError::Stopped);
        }
    }
    to.flush().await.map_err(|e| FileError::io(dst, e))?;
    partial.path = None;
    Ok(done)
}

/// The SHA-256 of a file, in hex, read with tokio's file I/O.
#[ferrogo::export]
pub async fn sha256_file(path: &str) -> Result<String, FileError> {
    let mut file = tokio::fs::File::open(path)
        .await
        .map_err(|e| FileError::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = file.read(&mut buf).await.map_err(|e| FileError::io(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// The sizes of the regular files directly in `dir`, by name.
#[ferrogo::export]
pub async fn file_sizes(dir: &str) -> Result<BTreeMap<String, u64>, FileError> {
    let mut entries = tokio::fs::read_dir(dir)
        .await
        .map_err(|e| FileError::io(dir, e))?;
    let mut sizes = BTreeMap::new();
    while let Some(entry) = entries.next_entry().await.map_err(|e| FileError::io(dir, e))? {
        let meta = entry.metadata().await.map_err(|e| FileError::io(dir, e))?;
        if meta.is_file() {
            sizes.insert(entry.file_name().to_string_lossy().into_owned(), meta.len());
        }
    }
    Ok(sizes)
}
