//! The `CachePolicy` JS class: one cache layer's index and decisions.

use wasm_bindgen::prelude::*;

use super::{convert, error};
use crate::cache::{self, EntryInfo};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Limits of one cache layer. */
export interface CacheSettings {
  /** Most bytes the layer may hold; default 64 MiB. */
  budgetBytes?: number;
  /** Most entries; default 10,000. */
  maxEntries?: number;
  /** Time to live in milliseconds; default none (null). */
  ttlMs?: number | null;
}
/** What the index knows of an entry. */
export interface EntryInfo {
  key: string;
  namespace: string;
  size: number;
  createdMs: number;
  lastAccessMs: number;
  expiresMs?: number | null;
}
/** Which entries an invalidation removes. */
export type CacheSelector = { key: string } | { prefix: string } | { namespace: string } | "all";
/** Counters and sizes of one layer. */
export interface LayerStats {
  entries: number; bytes: number; budgetBytes: number;
  hits: number; misses: number; insertions: number; bytesInserted: number;
  evictions: number; expirations: number; corruptions: number; refusals: number;
  invalidations: number; hitRate: number;
}
"#;

/// The index and policy of one cache layer: hit or miss, expiry, LRU eviction within a
/// byte budget and entry limit, invalidation, counters. It holds no bytes; the host
/// stores them where the policy says. Times are milliseconds since the epoch.
#[wasm_bindgen(js_name = CachePolicy)]
pub struct CachePolicy(cache::CachePolicy);

#[wasm_bindgen(js_class = CachePolicy)]
impl CachePolicy {
    /// A layer with these settings (missing fields take the memory-layer defaults).
    /// @throws SnapdfError `INVALID_OPTIONS` naming a wrong setting
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "CacheSettings | undefined")] settings: JsValue,
    ) -> Result<CachePolicy, JsValue> {
        let settings = convert::from_js(settings).map_err(|e| error::to_js(&e))?;
        Ok(CachePolicy(cache::CachePolicy::new(settings)))
    }

    /// Looks a key up, counting a hit or a miss.
    /// @returns "hit", "miss", or "expired" (the entry has left the index: delete its bytes)
    #[wasm_bindgen(unchecked_return_type = "\"hit\" | \"miss\" | \"expired\"")]
    pub fn lookup(&mut self, key: &str, now: f64) -> String {
        match self.0.lookup(key, convert::to_u64(now)) {
            cache::Lookup::Hit => "hit",
            cache::Lookup::Miss => "miss",
            cache::Lookup::Expired => "expired",
        }
        .to_owned()
    }

    /// Whether a key is present and live, without counting.
    pub fn contains(&self, key: &str, now: f64) -> bool {
        self.0.contains(key, convert::to_u64(now))
    }

    /// Admits an entry and returns the keys to evict (delete their bytes).
    /// @throws SnapdfError `CACHE_ENTRY_TOO_LARGE` if it exceeds the whole budget
    pub fn admit(&mut self, key: &str, namespace: &str, size: f64, now: f64) -> Result<Vec<String>, JsValue> {
        self.0
            .admit(key, namespace, convert::to_u64(size), convert::to_u64(now))
            .map_err(|e| error::to_js(&crate::Error::from(e)))
    }

    /// Puts entries from a persistent index back (at start-up); returns keys to evict.
    pub fn restore(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "EntryInfo[]")] entries: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let entries: Vec<EntryInfo> = convert::from_js(entries).map_err(|e| error::to_js(&e))?;
        Ok(self.0.restore(entries))
    }

    /// Removes a key whose bytes failed their digest check, counting a corruption.
    #[wasm_bindgen(js_name = recordCorruption)]
    pub fn record_corruption(&mut self, key: &str) -> bool {
        self.0.record_corruption(key)
    }

    /// Removes a key without counting (its bytes were lost).
    pub fn forget(&mut self, key: &str) -> bool {
        self.0.forget(key)
    }

    /// After a quota error: evicts the older half of the entries other than `keep`;
    /// returns their keys (delete their bytes).
    #[wasm_bindgen(js_name = makeRoom)]
    pub fn make_room(&mut self, keep: &str) -> Vec<String> {
        self.0.make_room(keep)
    }

    /// Removes what the selector names; returns the removed keys.
    pub fn invalidate(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CacheSelector")] selector: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let selector = convert::selector(selector).map_err(|e| error::to_js(&e))?;
        Ok(self.0.invalidate(&selector))
    }

    /// Drops expired entries.
    /// @returns `{ keys, bytes }`: the dropped keys (delete their bytes) and their size
    #[wasm_bindgen(unchecked_return_type = "{ keys: string[], bytes: number }")]
    pub fn cleanup(&mut self, now: f64) -> JsValue {
        #[derive(serde::Serialize)]
        struct Cleanup {
            keys: Vec<String>,
            bytes: u64,
        }
        let (keys, bytes) = self.0.cleanup(convert::to_u64(now));
        convert::to_js(&Cleanup { keys, bytes })
    }

    /// The index entry of a key, or undefined.
    #[wasm_bindgen(unchecked_return_type = "EntryInfo | undefined")]
    pub fn get(&self, key: &str) -> JsValue {
        self.0.get(key).map_or(JsValue::UNDEFINED, convert::to_js)
    }

    /// Every entry, least recently used first.
    #[wasm_bindgen(unchecked_return_type = "EntryInfo[]")]
    pub fn entries(&self) -> JsValue {
        convert::to_js(&self.0.entries().collect::<Vec<_>>())
    }

    /// Counters and sizes.
    #[wasm_bindgen(unchecked_return_type = "LayerStats")]
    pub fn stats(&self) -> JsValue {
        convert::to_js(&self.0.stats())
    }

    /// Sets the counters back to zero.
    #[wasm_bindgen(js_name = resetStats)]
    pub fn reset_stats(&mut self) {
        self.0.reset_stats();
    }
}

/// Hit rate over both layers (a request is a hit if either layer served it).
#[wasm_bindgen(js_name = overallHitRate)]
pub fn overall_hit_rate(
    #[wasm_bindgen(unchecked_param_type = "LayerStats")] l1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "LayerStats | undefined")] l2: JsValue,
) -> Result<f64, JsValue> {
    let l1 = convert::lookups(&l1).map_err(|e| error::to_js(&e))?.unwrap_or_default();
    let l2 = convert::lookups(&l2).map_err(|e| error::to_js(&e))?;
    Ok(cache::overall_hit_rate(&l1, l2.as_ref()))
}

/// SHA-256 of bytes as 64 lowercase hex digits: the digest each cache entry keeps
/// to detect corrupted bytes.
#[wasm_bindgen]
pub fn sha256(bytes: &[u8]) -> String {
    cache::digest(bytes)
}
