//! zstd for backups: a desk is mostly repeated text, so seven dailies and
//! four weeklies fit in less room than two copies. Both the stored file and
//! the SQLite file it holds are hashed as they stream past, so a manifest
//! can name both without a second read.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

use sha2::{Digest, Sha256};

/// The first four bytes of every zstd frame.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];

/// Level 6 of 22: a 100,000-case desk (548 MB) comes out 6.0× smaller for
/// about 6 s of one core's time. Level 3 is twice as quick but only 5.5×
/// smaller, too little for eleven backups in twice the desk's room, and
/// long-distance matching made it larger and slower.
const LEVEL: i32 = 6;

/// The file name ending of a compressed backup.
pub const COMPRESSED_SUFFIX: &str = ".zst";

/// What a backup file holds, by SHA-256 (hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hashes {
    /// The SQLite file, as restore gets it back.
    pub content: String,
    /// The file as stored (the same as `content` when not compressed).
    pub file: String,
}

/// Whether `path` names a compressed backup (by its name: the bytes are
/// checked when it is read).
pub fn is_compressed_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "zst")
}

/// Whether the file starts like a zstd frame.
pub fn starts_compressed(path: &Path) -> io::Result<bool> {
    let mut magic = [0u8; 4];
    let mut file = fs::File::open(path)?;
    let mut read = 0;
    while read < magic.len() {
        match file.read(&mut magic[read..])? {
            0 => return Ok(false),
            n => read += n,
        }
    }
    Ok(magic == ZSTD_MAGIC)
}

/// Compress `from` into the new (already created, owner-only) file `to`,
/// synced to disk.
pub fn compress_file(from: &Path, to: &Path) -> io::Result<Hashes> {
    let mut input = HashingReader::new(fs::File::open(from)?);
    let output = HashingWriter::new(fs::OpenOptions::new().write(true).truncate(true).open(to)?);
    let mut encoder = zstd::Encoder::new(output, LEVEL)?;
    // A damaged backup is then refused when read, not restored half-wrong.
    encoder.include_checksum(true)?;
    // One thread: zstd's worker threads each keep their own buffers, which
    // took the interface to 87 MiB at a million items (the budget is 64).
    io::copy(&mut input, &mut encoder)?;
    let mut output = encoder.finish()?;
    output.flush()?;
    output.inner.sync_all()?;
    Ok(Hashes { content: input.finish(), file: output.finish() })
}

/// The SHA-256 of a file that is stored as it is.
pub fn hash_plain(path: &Path) -> io::Result<Hashes> {
    let mut input = HashingReader::new(fs::File::open(path)?);
    io::copy(&mut input, &mut io::sink())?;
    let hash = input.finish();
    Ok(Hashes { content: hash.clone(), file: hash })
}

/// Decompress `from` into `to` (an open, empty file), synced to disk;
/// returns the SHA-256 of what was written.
pub fn decompress_into(from: &Path, to: &mut fs::File) -> io::Result<String> {
    let mut decoder = zstd::Decoder::new(fs::File::open(from)?)?;
    let mut output = HashingWriter::new(to);
    io::copy(&mut decoder, &mut output)?;
    output.flush()?;
    output.inner.sync_all()?;
    Ok(output.finish())
}

struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
}

impl<R> HashingReader<R> {
    fn new(inner: R) -> Self {
        HashingReader { inner, hasher: Sha256::new() }
    }

    fn finish(self) -> String {
        hex::encode(self.hasher.finalize())
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

struct HashingWriter<W> {
    inner: W,
    hasher: Sha256,
}

impl<W> HashingWriter<W> {
    fn new(inner: W) -> Self {
        HashingWriter { inner, hasher: Sha256::new() }
    }

    fn finish(self) -> String {
        hex::encode(self.hasher.finalize())
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_comes_back_byte_for_byte_with_the_hashes_it_was_given() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("a.db");
        let packed = dir.path().join("a.db.zst");
        let text: Vec<u8> =
            (0..200_000u32).flat_map(|i| format!("row {} of the desk\n", i % 977).into_bytes()).collect();
        fs::write(&plain, &text).unwrap();
        fs::File::create(&packed).unwrap();
        let hashes = compress_file(&plain, &packed).unwrap();
        assert!(starts_compressed(&packed).unwrap());
        assert!(!starts_compressed(&plain).unwrap());
        assert!(fs::metadata(&packed).unwrap().len() * 10 < text.len() as u64);
        assert_eq!(hashes.content, hash_plain(&plain).unwrap().content);
        assert_eq!(hashes.file, hash_plain(&packed).unwrap().content);

        let mut back = tempfile::tempfile().unwrap();
        let content = decompress_into(&packed, &mut back).unwrap();
        assert_eq!(content, hashes.content);
        let mut again = Vec::new();
        use std::io::Seek;
        back.rewind().unwrap();
        back.read_to_end(&mut again).unwrap();
        assert_eq!(again, text);
    }

    #[test]
    fn a_damaged_compressed_file_is_refused_when_read() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("a.db");
        let packed = dir.path().join("a.db.zst");
        let text: Vec<u8> = (0..50_000u32).flat_map(|i| i.to_le_bytes()).collect();
        fs::write(&plain, &text).unwrap();
        fs::File::create(&packed).unwrap();
        compress_file(&plain, &packed).unwrap();
        let mut bytes = fs::read(&packed).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xFF;
        fs::write(&packed, &bytes).unwrap();
        assert!(decompress_into(&packed, &mut tempfile::tempfile().unwrap()).is_err());
    }
}
