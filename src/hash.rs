//! One stable, fast hash for everything herald compares between builds: fingerprints of
//! inputs, versions of announcements and strings, and the bytes of output files.

use std::hash::{Hash, Hasher};

use xxhash_rust::xxh3::{xxh3_64, Xxh3Default};

/// The 64-bit XXH3 hash of a value's `Hash` form. The same value gives the same hash
/// in every run and on every thread (no random keys).
pub fn stable_hash<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = Xxh3Default::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The 64-bit XXH3 hash of some bytes (an output file's content).
pub fn bytes_hash(bytes: &[u8]) -> u64 {
    xxh3_64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_tell_values_apart() {
        assert_eq!(stable_hash(&("a", 1u8)), stable_hash(&("a", 1u8)));
        assert_ne!(stable_hash(&("a", 1u8)), stable_hash(&("a", 2u8)));
        assert_ne!(bytes_hash(b"ab"), bytes_hash(b"ba"));
    }
}
