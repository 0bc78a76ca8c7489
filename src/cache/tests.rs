use super::*;

const KB: u64 = 1024;

fn policy(budget: u64, max_entries: u64, ttl: Option<u64>) -> CachePolicy {
    CachePolicy::new(CacheSettings { budget_bytes: budget, max_entries, ttl_ms: ttl })
}

fn keys(p: &CachePolicy) -> Vec<&str> {
    p.entries().map(|e| e.key.as_str()).collect()
}

#[test]
fn least_recently_used_is_evicted_first() {
    let mut p = policy(3 * KB, 100, None);
    for (i, k) in ["a", "b", "c"].iter().enumerate() {
        assert_eq!(p.admit(k, "", KB, i as u64), Ok(vec![]));
    }
    assert_eq!(p.lookup("a", 10), Lookup::Hit); // a is now the most recent
    assert_eq!(p.admit("d", "", KB, 11), Ok(vec!["b".to_owned()]));
    assert_eq!(keys(&p), ["c", "a", "d"]);
    // A bigger entry evicts as many as it needs, oldest first.
    assert_eq!(p.admit("e", "", 2 * KB, 12), Ok(vec!["c".to_owned(), "a".to_owned()]));
    assert_eq!(keys(&p), ["d", "e"]);
    assert_eq!(p.stats().evictions, 3);
    assert_eq!(p.stats().bytes, 3 * KB);
}

#[test]
fn the_entry_limit_is_kept() {
    let mut p = policy(u64::MAX, 2, None);
    p.admit("a", "", 1, 0).expect("fits");
    p.admit("b", "", 1, 1).expect("fits");
    assert_eq!(p.admit("c", "", 1, 2), Ok(vec!["a".to_owned()]));
    assert_eq!(p.stats().entries, 2);
}

#[test]
fn an_entry_larger_than_the_budget_is_refused_and_nothing_changes() {
    let mut p = policy(10 * KB, 100, None);
    p.admit("a", "", 5 * KB, 0).expect("fits");
    let err = p.admit("big", "", 10 * KB + 1, 1).expect_err("too large");
    assert_eq!(err, CacheError::TooLarge { size: 10 * KB + 1, budget: 10 * KB });
    assert!(err.to_string().contains("larger than the cache budget"));
    assert_eq!(keys(&p), ["a"]);
    assert_eq!(p.stats().refusals, 1);
    // Exactly the budget fits (after evicting the rest).
    assert_eq!(p.admit("full", "", 10 * KB, 2), Ok(vec!["a".to_owned()]));
}

#[test]
fn ttl_expires_at_the_exact_boundary() {
    let mut p = policy(u64::MAX, 100, Some(1000));
    p.admit("a", "", 1, 5000).expect("fits");
    assert!(p.contains("a", 5999));
    assert_eq!(p.lookup("a", 5999), Lookup::Hit);
    // A hit does not extend the TTL: it counts from admission.
    assert_eq!(p.lookup("a", 6000), Lookup::Expired);
    assert_eq!(p.lookup("a", 6000), Lookup::Miss);
    let s = p.stats();
    assert_eq!((s.hits, s.misses, s.expirations, s.entries), (1, 2, 1, 0));
}

#[test]
fn cleanup_drops_only_expired_entries_and_reports_bytes() {
    let mut p = policy(u64::MAX, 100, Some(100));
    p.admit("old", "", 7, 0).expect("fits");
    p.admit("new", "", 5, 50).expect("fits");
    assert_eq!(p.cleanup(99), (vec![], 0));
    assert_eq!(p.cleanup(100), (vec!["old".to_owned()], 7));
    assert_eq!(keys(&p), ["new"]);
    assert_eq!(p.stats().expirations, 1);
}

#[test]
fn invalidation_by_key_prefix_namespace_and_all() {
    let mut p = policy(u64::MAX, 100, None);
    for (k, ns) in [("aa1", "alice"), ("aa2", "bob"), ("ab3", "alice"), ("b4", "")] {
        p.admit(k, ns, 1, 0).expect("fits");
    }
    let mut by_ns = p.invalidate(&Selector::Namespace("alice".into()));
    by_ns.sort();
    assert_eq!(by_ns, ["aa1", "ab3"]);
    assert_eq!(p.invalidate(&Selector::Prefix("a".into())), ["aa2"]);
    assert_eq!(p.invalidate(&Selector::Key("zz".into())), Vec::<String>::new());
    assert_eq!(p.invalidate(&Selector::Key("b4".into())), ["b4"]);
    assert_eq!(p.stats().entries, 0);
    assert_eq!(p.stats().invalidations, 4);
    p.admit("x", "", 1, 0).expect("fits");
    assert_eq!(p.invalidate(&Selector::All), ["x"]);
}

#[test]
fn replacing_a_key_does_not_double_count_bytes() {
    let mut p = policy(10, 100, None);
    p.admit("a", "", 6, 0).expect("fits");
    assert_eq!(p.admit("a", "", 8, 1), Ok(vec![]));
    assert_eq!(p.stats().bytes, 8);
    assert_eq!(p.stats().entries, 1);
}

#[test]
fn counters_and_hit_rate() {
    let mut p = policy(u64::MAX, 100, None);
    assert_eq!(p.stats().hit_rate, 0.0);
    p.admit("a", "", 3, 0).expect("fits");
    p.lookup("a", 1);
    p.lookup("a", 2);
    p.lookup("a", 3);
    p.lookup("b", 4);
    assert!(p.record_corruption("a"));
    let s = p.stats();
    assert_eq!((s.hits, s.misses, s.insertions, s.bytes_inserted, s.corruptions, s.entries), (3, 1, 1, 3, 1, 0));
    assert_eq!(s.hit_rate, 0.75);
    p.reset_stats();
    assert_eq!(p.stats().hits, 0);
}

#[test]
fn restore_keeps_lru_order_and_trims_to_the_limits() {
    let info = |key: &str, last: u64| EntryInfo {
        key: key.into(),
        namespace: String::new(),
        size: 4,
        created_ms: 0,
        last_access_ms: last,
        expires_ms: None,
    };
    let mut p = policy(8, 100, None);
    let evicted = p.restore(vec![info("newest", 30), info("oldest", 10), info("middle", 20)]);
    assert_eq!(evicted, ["oldest"]);
    assert_eq!(keys(&p), ["middle", "newest"]);
    assert_eq!(p.stats().insertions, 0);
}

#[test]
fn overall_hit_rate_counts_a_request_once() {
    // 10 requests: 6 L1 hits, 4 L1 misses of which L2 served 3.
    let l1 = LayerStats { hits: 6, misses: 4, ..Default::default() };
    let l2 = LayerStats { hits: 3, misses: 1, ..Default::default() };
    assert_eq!(overall_hit_rate(&l1, Some(&l2)), 0.9);
    assert_eq!(overall_hit_rate(&l1, None), 0.6);
    assert_eq!(overall_hit_rate(&LayerStats::default(), None), 0.0);
}

#[test]
fn digest_is_sha256_hex() {
    // FIPS 180-4 example "abc".
    assert_eq!(digest(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

#[test]
fn make_room_evicts_the_older_half_but_keeps_the_new_entry() {
    let mut p = policy(u64::MAX, 100, None);
    for (i, k) in ["a", "b", "c", "d", "e"].iter().enumerate() {
        p.admit(k, "", 1, i as u64).expect("fits");
    }
    assert_eq!(p.make_room("a"), ["b", "c"]);
    assert_eq!(keys(&p), ["a", "d", "e"]);
    assert_eq!(p.make_room("x"), ["a", "d"]);
    assert_eq!(p.stats().evictions, 4);
    let mut single = policy(u64::MAX, 100, None);
    single.admit("only", "", 1, 0).expect("fits");
    assert_eq!(single.make_room("only"), Vec::<String>::new());
}
