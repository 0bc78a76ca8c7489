use super::*;

fn table() -> TaskTable {
    TaskTable::new(TaskSettings { deadline_ms: 1000, keep_finished_ms: 500 })
}

fn failure(code: &str) -> Failure {
    Failure { code: code.into(), message: "it broke".into() }
}

fn status(t: &TaskTable, id: &str) -> Status {
    t.get(id).map(|r| r.status).expect("known task")
}

#[test]
fn the_happy_path_moves_forward_through_real_stages() {
    let mut t = table();
    assert_eq!(t.create("a", "k1", 0, 10), Created::Queued("a".into()));
    assert_eq!(t.get("a").map(|r| r.progress), Some(0));
    assert_eq!(t.start_next(20), Some("a".into()));
    assert_eq!(status(&t, "a"), Status::Running);
    assert_eq!(t.get("a").map(|r| (r.progress, r.deadline_ms, r.attempts)), Some((5, Some(1020), 1)));
    assert_eq!(t.advance("a", Stage::Validated), Ok(20));
    assert_eq!(t.advance("a", Stage::LaidOut), Ok(50));
    // Progress never goes back.
    assert_eq!(t.advance("a", Stage::Validated), Ok(50));
    assert_eq!(t.advance("a", Stage::Assembled), Ok(90));
    t.complete("a", 30).expect("running");
    let r = t.get("a").expect("known");
    assert_eq!((r.status, r.progress, r.finished_ms), (Status::Completed, 100, Some(30)));
}

#[test]
fn every_illegal_transition_is_refused() {
    let mut t = table();
    t.create("p", "k1", 0, 0);
    // Pending: cannot advance, complete or requeue.
    assert!(matches!(t.advance("p", Stage::Validated), Err(TaskError::Illegal { from: "pending", .. })));
    assert!(matches!(t.complete("p", 1), Err(TaskError::Illegal { from: "pending", .. })));
    assert!(matches!(t.requeue("p"), Err(TaskError::Illegal { from: "pending", .. })));
    // Final states accept nothing.
    for (id, end) in [("c", "complete"), ("f", "fail"), ("x", "cancel")] {
        t.create(id, &format!("key-{id}"), 0, 0);
        while t.get(id).map(|r| r.status) == Some(Status::Pending) {
            t.start_next(1);
        }
        match end {
            "complete" => t.complete(id, 2).expect("running"),
            "fail" => t.fail(id, failure("E"), 2).expect("running"),
            _ => t.cancel(id, 2).expect("running"),
        }
        let from = status(&t, id).name();
        assert_eq!(t.complete(id, 3), Err(TaskError::Illegal { id: id.into(), from, action: "complete" }));
        assert!(t.fail(id, failure("E"), 3).is_err());
        assert!(t.cancel(id, 3).is_err());
        assert!(t.advance(id, Stage::Stored).is_err());
        assert!(t.requeue(id).is_err());
    }
    assert_eq!(t.cancel("nope", 0), Err(TaskError::Unknown("nope".into())));
    assert!(
        TaskError::Illegal { id: "c".into(), from: "completed", action: "be cancelled" }
            .to_string()
            .contains("is completed: it cannot be cancelled")
    );
}

#[test]
fn pending_tasks_can_be_cancelled_or_failed_and_leave_the_queue() {
    let mut t = table();
    t.create("a", "k1", 0, 0);
    t.create("b", "k2", 0, 0);
    t.cancel("a", 1).expect("pending");
    t.fail("b", failure("INVALID_SNAPSHOT"), 1).expect("pending");
    assert_eq!(t.start_next(2), None);
    assert_eq!(t.get("b").and_then(|r| r.failure.clone()).map(|f| f.code), Some("INVALID_SNAPSHOT".into()));
}

#[test]
fn one_task_per_key_a_second_request_joins() {
    let mut t = table();
    assert_eq!(t.create("a", "same", 0, 0), Created::Queued("a".into()));
    assert_eq!(t.create("b", "same", 5, 0), Created::Joined("a".into()));
    t.start_next(1);
    assert_eq!(t.create("c", "same", 0, 1), Created::Joined("a".into()));
    t.complete("a", 2).expect("running");
    // Once it ended, the key is free again.
    assert_eq!(t.create("d", "same", 0, 3), Created::Queued("d".into()));
}

#[test]
fn queue_is_fifo_within_a_priority_higher_first() {
    let mut t = table();
    for (id, prio) in [("a", 0), ("b", 0), ("c", 5), ("d", -1), ("e", 5)] {
        t.create(id, &format!("k{id}"), prio, 0);
    }
    assert_eq!(t.queued(), ["c", "e", "a", "b", "d"]);
    let order: Vec<String> = std::iter::from_fn(|| t.start_next(1)).collect();
    assert_eq!(order, ["c", "e", "a", "b", "d"]);
}

#[test]
fn deadlines_are_exact() {
    let mut t = table();
    t.create("a", "k1", 0, 0);
    t.create("b", "k2", 0, 0);
    t.start_next(100);
    t.start_next(300);
    assert_eq!(t.next_deadline(), Some(1100));
    assert_eq!(t.overdue(1099), Vec::<String>::new());
    assert_eq!(t.overdue(1100), ["a"]);
    assert_eq!(t.overdue(1300), ["a", "b"]);
    t.fail("a", failure("TIMEOUT"), 1100).expect("running");
    assert_eq!(t.overdue(1300), ["b"]);
    assert_eq!(t.next_deadline(), Some(1300));
}

#[test]
fn a_crashed_run_is_requeued_first_in_its_priority_and_counts_attempts() {
    let mut t = table();
    t.create("a", "k1", 0, 0);
    t.create("b", "k2", 0, 0);
    t.start_next(1);
    t.advance("a", Stage::LaidOut).expect("running");
    t.requeue("a").expect("running");
    let r = t.get("a").expect("known");
    assert_eq!((r.status, r.progress, r.attempts), (Status::Pending, 50, 1), "progress does not move back");
    assert_eq!(t.start_next(2), Some("a".into()));
    assert_eq!(t.get("a").map(|r| r.attempts), Some(2));
}

#[test]
fn finished_records_are_cleaned_up_after_the_keep_time() {
    let mut t = table();
    t.create("a", "k1", 0, 0);
    t.create("b", "k2", 0, 0);
    t.cancel("a", 100).expect("pending");
    t.record_completed("hit", "k3", 200);
    assert_eq!(t.cleanup(599), Vec::<String>::new());
    assert_eq!(t.cleanup(600), ["a"]);
    assert_eq!(t.cleanup(700), ["hit"]);
    assert_eq!(t.list(None).len(), 1);
    assert_eq!(t.list(Some(Status::Pending)).len(), 1);
}

#[test]
fn batch_progress_is_the_mean() {
    assert_eq!(batch_progress(&[0, 50, 100]), 50.0);
    assert_eq!(batch_progress(&[]), 100.0);
}
