//! Cache policy: which cached PDF is a hit, which has expired, which to evict.
//!
//! A [`CachePolicy`] holds the *index* of one cache layer (key, namespace, size,
//! creation, last access, expiry), never the bytes: the host keeps those (a `Map` for
//! the memory layer L1, IndexedDB or a directory for the persistent layer L2) and does
//! what the policy says. The same type serves both layers with different
//! [`CacheSettings`].
//!
//! - Eviction is least recently used first (LRU), to stay within a byte budget and an
//!   entry limit. An entry larger than the whole budget is refused up front
//!   ([`CacheError::TooLarge`]), never stored and then evicted.
//! - Expiry: an entry admitted at `t` with TTL `d` is live while `now < t + d`; at
//!   `now == t + d` it has expired.
//! - Time is passed in by the caller (milliseconds since the Unix epoch); the policy
//!   never reads a clock, so tests can drive it exactly.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

/// One mebibyte, in bytes.
const MIB: u64 = 1 << 20;
/// One day, in milliseconds.
const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// Limits of one cache layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CacheSettings {
    /// Most bytes the layer may hold.
    pub budget_bytes: u64,
    /// Most entries the layer may hold.
    pub max_entries: u64,
    /// Time to live in milliseconds; `None` keeps entries until evicted.
    pub ttl_ms: Option<u64>,
}

impl CacheSettings {
    /// The memory layer (L1): 64 MiB, 10,000 entries, no TTL.
    pub fn memory() -> Self {
        CacheSettings { budget_bytes: 64 * MIB, max_entries: 10_000, ttl_ms: None }
    }

    /// The persistent layer (L2): 512 MiB, 100,000 entries, TTL 7 days.
    pub fn persistent() -> Self {
        CacheSettings { budget_bytes: 512 * MIB, max_entries: 100_000, ttl_ms: Some(7 * DAY_MS) }
    }
}

impl Default for CacheSettings {
    /// [`CacheSettings::memory`].
    fn default() -> Self {
        CacheSettings::memory()
    }
}

/// Why an entry was not admitted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CacheError {
    /// The entry alone is larger than the layer's whole budget.
    #[error(
        "an entry of {size} bytes is larger than the cache budget of {budget} bytes; raise the budget or skip caching it"
    )]
    TooLarge {
        /// The entry's size in bytes.
        size: u64,
        /// The layer's budget in bytes.
        budget: u64,
    },
}

/// What the index knows of one entry. Also the shape in which a persistent layer
/// stores its index and hands it back with [`CachePolicy::restore`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryInfo {
    /// The cache key.
    pub key: String,
    /// The namespace the entry was rendered for ("" for none).
    #[serde(default)]
    pub namespace: String,
    /// Size of the PDF in bytes.
    pub size: u64,
    /// When it was admitted, in ms since the epoch.
    pub created_ms: u64,
    /// When it was last admitted or hit, in ms since the epoch.
    pub last_access_ms: u64,
    /// When it expires, in ms since the epoch, if it does.
    pub expires_ms: Option<u64>,
}

/// The outcome of a lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Lookup {
    /// Present and live: serve it (its last access is now).
    Hit,
    /// Not in this layer.
    Miss,
    /// Present but expired: it has left the index; the host deletes the bytes.
    Expired,
}

/// Which entries an invalidation removes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Selector {
    /// One key.
    Key(String),
    /// Every key that starts with this prefix.
    Prefix(String),
    /// Every entry of this namespace.
    Namespace(String),
    /// Everything.
    All,
}

/// Counters and sizes of one layer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayerStats {
    /// Entries in the layer.
    pub entries: u64,
    /// Bytes in the layer.
    pub bytes: u64,
    /// The byte budget.
    pub budget_bytes: u64,
    /// Lookups that found a live entry.
    pub hits: u64,
    /// Lookups that found nothing (or an expired entry).
    pub misses: u64,
    /// Entries admitted.
    pub insertions: u64,
    /// Bytes admitted, in all.
    pub bytes_inserted: u64,
    /// Entries evicted to stay within the budget or entry limit.
    pub evictions: u64,
    /// Entries dropped because their TTL passed.
    pub expirations: u64,
    /// Entries whose bytes failed their digest check and were removed.
    pub corruptions: u64,
    /// Entries refused because they were larger than the budget.
    pub refusals: u64,
    /// Entries removed by invalidation or clearing.
    pub invalidations: u64,
    /// hits / (hits + misses), or 0 before the first lookup.
    pub hit_rate: f64,
}

/// The index and policy of one cache layer.
#[derive(Debug, Clone)]
pub struct CachePolicy {
    settings: CacheSettings,
    entries: HashMap<String, Slot>,
    /// LRU order: access sequence number -> key. The first entry is the least recently used.
    order: BTreeMap<u64, String>,
    next_seq: u64,
    bytes: u64,
    stats: LayerStats,
}

#[derive(Debug, Clone)]
struct Slot {
    info: EntryInfo,
    seq: u64,
}

impl CachePolicy {
    /// An empty index with these settings.
    pub fn new(settings: CacheSettings) -> Self {
        CachePolicy {
            settings,
            entries: HashMap::new(),
            order: BTreeMap::new(),
            next_seq: 0,
            bytes: 0,
            stats: LayerStats::default(),
        }
    }

    /// The layer's settings.
    pub fn settings(&self) -> &CacheSettings {
        &self.settings
    }

    /// Looks `key` up at time `now` (ms), counting a hit or a miss. A hit becomes the
    /// most recently used entry; an expired entry leaves the index (the host deletes
    /// its bytes) and counts as a miss and an expiration.
    pub fn lookup(&mut self, key: &str, now: u64) -> Lookup {
        let Some(slot) = self.entries.get(key) else {
            self.stats.misses += 1;
            return Lookup::Miss;
        };
        if is_expired(&slot.info, now) {
            self.unlink(key);
            self.stats.misses += 1;
            self.stats.expirations += 1;
            return Lookup::Expired;
        }
        self.stats.hits += 1;
        self.touch(key, now);
        Lookup::Hit
    }

    /// Whether `key` is in the index and live at `now`, without counting or touching.
    pub fn contains(&self, key: &str, now: u64) -> bool {
        self.entries.get(key).is_some_and(|s| !is_expired(&s.info, now))
    }

    /// Admits an entry of `size` bytes at `now`, replacing an entry with the same key,
    /// and returns the keys to evict (least recently used first) so that the layer
    /// stays within its budget and entry limit. The host deletes their bytes.
    ///
    /// # Errors
    /// [`CacheError::TooLarge`] if `size` exceeds the whole budget; nothing changes.
    pub fn admit(&mut self, key: &str, namespace: &str, size: u64, now: u64) -> Result<Vec<String>, CacheError> {
        if size > self.settings.budget_bytes {
            self.stats.refusals += 1;
            return Err(CacheError::TooLarge { size, budget: self.settings.budget_bytes });
        }
        self.unlink(key);
        let mut evicted = Vec::new();
        while self.bytes + size > self.settings.budget_bytes
            || self.entries.len() as u64 >= self.settings.max_entries.max(1)
        {
            let Some((_, lru)) = self.order.first_key_value() else { break };
            let lru = lru.clone();
            self.unlink(&lru);
            self.stats.evictions += 1;
            evicted.push(lru);
        }
        let info = EntryInfo {
            key: key.to_owned(),
            namespace: namespace.to_owned(),
            size,
            created_ms: now,
            last_access_ms: now,
            expires_ms: self.settings.ttl_ms.map(|ttl| now.saturating_add(ttl)),
        };
        self.link(info);
        self.stats.insertions += 1;
        self.stats.bytes_inserted += size;
        Ok(evicted)
    }

    /// Puts entries known from a persistent index back into this index (at start-up),
    /// without counting them as insertions, in the order of their last access so the
    /// LRU order survives a restart. Returns the keys to evict if they exceed the
    /// limits (for example after the budget was lowered), least recently used first.
    pub fn restore(&mut self, mut infos: Vec<EntryInfo>) -> Vec<String> {
        // Keys are unique, so the order is total and an unstable sort gives the same one.
        infos.sort_unstable_by(|a, b| a.last_access_ms.cmp(&b.last_access_ms).then_with(|| a.key.cmp(&b.key)));
        for info in infos {
            self.unlink(&info.key);
            self.link(info);
        }
        let mut evicted = Vec::new();
        while self.bytes > self.settings.budget_bytes || self.entries.len() as u64 > self.settings.max_entries.max(1) {
            let Some((_, lru)) = self.order.first_key_value() else { break };
            let lru = lru.clone();
            self.unlink(&lru);
            self.stats.evictions += 1;
            evicted.push(lru);
        }
        evicted
    }

    /// Removes `key` because its bytes failed their digest check, counting a
    /// corruption. Returns whether it was in the index.
    pub fn record_corruption(&mut self, key: &str) -> bool {
        self.stats.corruptions += 1;
        self.unlink(key).is_some()
    }

    /// Removes `key` from the index without counting anything (the host lost the
    /// bytes, e.g. a failed write). Returns whether it was there.
    pub fn forget(&mut self, key: &str) -> bool {
        self.unlink(key).is_some()
    }

    /// Frees room after the store reported its quota exhausted: evicts the least
    /// recently used half of the entries (at least one) other than `keep`, counting
    /// evictions, and returns their keys.
    pub fn make_room(&mut self, keep: &str) -> Vec<String> {
        let candidates: Vec<String> = self.order.values().filter(|k| k.as_str() != keep).cloned().collect();
        let count = candidates.len().div_ceil(2);
        let evicted: Vec<String> = candidates.into_iter().take(count).collect();
        for k in &evicted {
            self.unlink(k);
        }
        self.stats.evictions += evicted.len() as u64;
        evicted
    }

    /// Removes every entry `selector` names and returns their keys.
    pub fn invalidate(&mut self, selector: &Selector) -> Vec<String> {
        let keys: Vec<String> = match selector {
            Selector::Key(k) => self.entries.contains_key(k).then(|| k.clone()).into_iter().collect(),
            Selector::Prefix(p) => self.entries.keys().filter(|k| k.starts_with(p.as_str())).cloned().collect(),
            Selector::Namespace(ns) => {
                self.entries.values().filter(|s| &s.info.namespace == ns).map(|s| s.info.key.clone()).collect()
            }
            Selector::All => self.entries.keys().cloned().collect(),
        };
        for k in &keys {
            self.unlink(k);
        }
        self.stats.invalidations += keys.len() as u64;
        keys
    }

    /// Drops every entry expired at `now`; returns their keys and their total bytes.
    pub fn cleanup(&mut self, now: u64) -> (Vec<String>, u64) {
        let expired: Vec<String> =
            self.entries.values().filter(|s| is_expired(&s.info, now)).map(|s| s.info.key.clone()).collect();
        let mut bytes = 0;
        for k in &expired {
            bytes += self.unlink(k).map_or(0, |info| info.size);
        }
        self.stats.expirations += expired.len() as u64;
        (expired, bytes)
    }

    /// The entries, least recently used first.
    pub fn entries(&self) -> impl Iterator<Item = &EntryInfo> {
        self.order.values().filter_map(|k| self.entries.get(k)).map(|s| &s.info)
    }

    /// The index entry of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&EntryInfo> {
        self.entries.get(key).map(|s| &s.info)
    }

    /// Counters and sizes.
    pub fn stats(&self) -> LayerStats {
        let lookups = self.stats.hits + self.stats.misses;
        LayerStats {
            entries: self.entries.len() as u64,
            bytes: self.bytes,
            budget_bytes: self.settings.budget_bytes,
            hit_rate: if lookups == 0 { 0.0 } else { self.stats.hits as f64 / lookups as f64 },
            ..self.stats
        }
    }

    /// Sets every counter back to zero (entries stay).
    pub fn reset_stats(&mut self) {
        self.stats = LayerStats::default();
    }

    fn touch(&mut self, key: &str, now: u64) {
        let seq = self.next_seq;
        if let Some(slot) = self.entries.get_mut(key) {
            if let Some(k) = self.order.remove(&slot.seq) {
                self.order.insert(seq, k);
            }
            slot.seq = seq;
            slot.info.last_access_ms = slot.info.last_access_ms.max(now);
            self.next_seq += 1;
        }
    }

    fn link(&mut self, info: EntryInfo) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.bytes += info.size;
        self.order.insert(seq, info.key.clone());
        self.entries.insert(info.key.clone(), Slot { info, seq });
    }

    fn unlink(&mut self, key: &str) -> Option<EntryInfo> {
        let slot = self.entries.remove(key)?;
        self.order.remove(&slot.seq);
        self.bytes -= slot.info.size;
        Some(slot.info)
    }
}

fn is_expired(info: &EntryInfo, now: u64) -> bool {
    info.expires_ms.is_some_and(|e| now >= e)
}

/// Hit rate over both layers: a request is a hit if either layer served it. L2 is
/// only asked on an L1 miss, so every L2 lookup is also an L1 miss.
pub fn overall_hit_rate(l1: &LayerStats, l2: Option<&LayerStats>) -> f64 {
    let requests = l1.hits + l1.misses;
    let hits = l1.hits + l2.map_or(0, |s| s.hits);
    if requests == 0 { 0.0 } else { hits as f64 / requests as f64 }
}

/// SHA-256 of `bytes` as 64 lowercase hex digits: the digest a cache entry keeps so
/// that corrupted bytes are detected on read (FIPS 180-4).
pub fn digest(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests;
