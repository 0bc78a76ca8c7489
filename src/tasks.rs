//! Task bookkeeping: records, legal state changes, progress, queue order, deadlines.
//!
//! A task is one request for a PDF. The host (JS) runs the work; this table decides
//! what may happen next:
//!
//! ```text
//!   pending ──start──▶ running ──complete──▶ completed
//!      │                 │  │
//!      │                 │  └──fail──▶ failed        (also: deadline passed)
//!      │                 └──requeue──▶ pending        (a crashed worker, retried once)
//!      ├──cancel──▶ cancelled ◀──cancel── running
//!      └──fail──▶ failed                               (rejected before it ran)
//! ```
//!
//! Completed, failed and cancelled are final. Progress (0 to 100) only moves forward,
//! through real stages: queued 0, started 5, validated 20, laid out 50, assembled 90,
//! stored 100. Only one task per cache key is pending or running at a time: a second
//! request for the key joins the first (single flight). The queue is FIFO within a
//! priority, higher priorities first. Time is passed in (ms since the epoch).

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

/// Where a task is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// Waiting in the queue.
    Pending,
    /// Being rendered.
    Running,
    /// Done; the PDF is in the cache.
    Completed,
    /// Ended with an error (including a passed deadline).
    Failed,
    /// Cancelled by the caller.
    Cancelled,
}

impl Status {
    /// Whether nothing can happen to the task any more.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Completed | Status::Failed | Status::Cancelled)
    }

    fn name(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Running => "running",
            Status::Completed => "completed",
            Status::Failed => "failed",
            Status::Cancelled => "cancelled",
        }
    }
}

/// A stage of the work, each with its progress percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Stage {
    /// In the queue (0 %).
    Queued,
    /// Picked up by a runner (5 %).
    Started,
    /// The snapshot parsed and validated (20 %).
    Validated,
    /// Layout done (50 %).
    LaidOut,
    /// The PDF assembled and compressed (90 %).
    Assembled,
    /// The PDF stored in the cache (100 %).
    Stored,
}

impl Stage {
    /// The progress percentage this stage stands for.
    pub fn progress(self) -> u8 {
        match self {
            Stage::Queued => 0,
            Stage::Started => 5,
            Stage::Validated => 20,
            Stage::LaidOut => 50,
            Stage::Assembled => 90,
            Stage::Stored => 100,
        }
    }
}

/// Why a task failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    /// A stable code: an engine error code, `TIMEOUT`, `WORKER_CRASHED`, ….
    pub code: String,
    /// What happened.
    pub message: String,
}

/// One task's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskRecord {
    /// The task id.
    pub id: String,
    /// The cache key of what it renders.
    pub key: String,
    /// Its status.
    pub status: Status,
    /// Its stage.
    pub stage: Stage,
    /// Progress in percent, 0 to 100; never decreases.
    pub progress: u8,
    /// Queue priority: higher runs first; FIFO within a priority.
    pub priority: i32,
    /// When it was created (ms since the epoch).
    pub created_ms: u64,
    /// When it last started running.
    pub started_ms: Option<u64>,
    /// When it ended.
    pub finished_ms: Option<u64>,
    /// When a run fails with `TIMEOUT` (set when it starts).
    pub deadline_ms: Option<u64>,
    /// How many times it has started.
    pub attempts: u32,
    /// Why it failed, if it did.
    pub failure: Option<Failure>,
    /// Position in the queue (creation order).
    seq: u64,
}

/// A state change the rules do not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaskError {
    /// No task has this id.
    #[error("no task `{0}`")]
    Unknown(String),
    /// The change is not legal from the task's status.
    #[error("task `{id}` is {from}: it cannot {action}")]
    Illegal {
        /// The task.
        id: String,
        /// Its status.
        from: &'static str,
        /// What was attempted.
        action: &'static str,
    },
}

/// Settings of the task table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct TaskSettings {
    /// Time a run may take before it fails with `TIMEOUT`, in ms. Default 300,000.
    pub deadline_ms: u64,
    /// How long finished records are kept, in ms. Default one hour.
    pub keep_finished_ms: u64,
}

impl Default for TaskSettings {
    fn default() -> Self {
        TaskSettings { deadline_ms: 300_000, keep_finished_ms: 3_600_000 }
    }
}

/// What `create` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "id")]
pub enum Created {
    /// A new task was queued.
    Queued(String),
    /// A task for the same key is pending or running: the request joins it.
    Joined(String),
}

/// All tasks, the queue and the single-flight index.
#[derive(Debug, Clone, Default)]
pub struct TaskTable {
    settings: TaskSettings,
    tasks: HashMap<String, TaskRecord>,
    /// Pending tasks in run order.
    queue: BTreeMap<(Reverse<i32>, u64), String>,
    /// The pending or running task of each key.
    active: HashMap<String, String>,
    next_seq: u64,
}

impl TaskTable {
    /// An empty table.
    pub fn new(settings: TaskSettings) -> Self {
        TaskTable { settings, ..Default::default() }
    }

    /// Queues a task `id` for `key`, or joins the pending or running task of that key.
    pub fn create(&mut self, id: &str, key: &str, priority: i32, now: u64) -> Created {
        if let Some(existing) = self.active.get(key) {
            return Created::Joined(existing.clone());
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        let record = TaskRecord {
            id: id.to_owned(),
            key: key.to_owned(),
            status: Status::Pending,
            stage: Stage::Queued,
            progress: 0,
            priority,
            created_ms: now,
            started_ms: None,
            finished_ms: None,
            deadline_ms: None,
            attempts: 0,
            failure: None,
            seq,
        };
        self.enqueue(&record);
        self.active.insert(key.to_owned(), id.to_owned());
        self.tasks.insert(id.to_owned(), record);
        Created::Queued(id.to_owned())
    }

    /// Records a task that is already final (a cache hit answered at once), so it can
    /// be listed like any other.
    pub fn record_completed(&mut self, id: &str, key: &str, now: u64) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.tasks.insert(
            id.to_owned(),
            TaskRecord {
                id: id.to_owned(),
                key: key.to_owned(),
                status: Status::Completed,
                stage: Stage::Stored,
                progress: 100,
                priority: 0,
                created_ms: now,
                started_ms: None,
                finished_ms: Some(now),
                deadline_ms: None,
                attempts: 0,
                failure: None,
                seq,
            },
        );
    }

    fn enqueue(&mut self, r: &TaskRecord) {
        self.queue.insert((Reverse(r.priority), r.seq), r.id.clone());
    }

    /// Starts the next pending task (highest priority, then oldest) and returns its id.
    pub fn start_next(&mut self, now: u64) -> Option<String> {
        let (_, id) = self.queue.pop_first()?;
        let deadline = self.settings.deadline_ms;
        let r = self.tasks.get_mut(&id)?;
        r.status = Status::Running;
        r.attempts += 1;
        r.started_ms = Some(now);
        r.deadline_ms = Some(now.saturating_add(deadline));
        advance(r, Stage::Started);
        Some(id)
    }

    /// Moves a running task to a later stage; returns its progress. A stage at or
    /// before the current one changes nothing (progress never goes back).
    ///
    /// # Errors
    /// Unknown task, or one that is not running.
    pub fn advance(&mut self, id: &str, stage: Stage) -> Result<u8, TaskError> {
        let r = self.running(id, "advance")?;
        advance(r, stage);
        Ok(r.progress)
    }

    /// Completes a running task.
    ///
    /// # Errors
    /// Unknown task, or one that is not running.
    pub fn complete(&mut self, id: &str, now: u64) -> Result<(), TaskError> {
        let r = self.running(id, "complete")?;
        advance(r, Stage::Stored);
        r.status = Status::Completed;
        r.finished_ms = Some(now);
        let key = r.key.clone();
        self.active.remove(&key);
        Ok(())
    }

    /// Fails a pending or running task.
    ///
    /// # Errors
    /// Unknown task, or one that already ended.
    pub fn fail(&mut self, id: &str, failure: Failure, now: u64) -> Result<(), TaskError> {
        self.end(id, Status::Failed, Some(failure), now, "fail")
    }

    /// Cancels a pending or running task.
    ///
    /// # Errors
    /// Unknown task, or one that already ended.
    pub fn cancel(&mut self, id: &str, now: u64) -> Result<(), TaskError> {
        self.end(id, Status::Cancelled, None, now, "be cancelled")
    }

    /// Puts a running task back in the queue at its original place (its runner crashed
    /// and the task may be retried). Stage and progress stay where they were, so
    /// progress never moves back; attempts are kept.
    ///
    /// # Errors
    /// Unknown task, or one that is not running.
    pub fn requeue(&mut self, id: &str) -> Result<(), TaskError> {
        let r = self.running(id, "be requeued")?;
        r.status = Status::Pending;
        r.deadline_ms = None;
        let r = r.clone();
        self.enqueue(&r);
        Ok(())
    }

    fn end(
        &mut self,
        id: &str,
        status: Status,
        failure: Option<Failure>,
        now: u64,
        action: &'static str,
    ) -> Result<(), TaskError> {
        let r = self.tasks.get_mut(id).ok_or_else(|| TaskError::Unknown(id.to_owned()))?;
        if r.status.is_final() {
            return Err(TaskError::Illegal { id: id.to_owned(), from: r.status.name(), action });
        }
        if r.status == Status::Pending {
            self.queue.remove(&(Reverse(r.priority), r.seq));
        }
        r.status = status;
        r.failure = failure;
        r.finished_ms = Some(now);
        let key = r.key.clone();
        self.active.remove(&key);
        Ok(())
    }

    fn running(&mut self, id: &str, action: &'static str) -> Result<&mut TaskRecord, TaskError> {
        let r = self.tasks.get_mut(id).ok_or_else(|| TaskError::Unknown(id.to_owned()))?;
        if r.status != Status::Running {
            return Err(TaskError::Illegal { id: id.to_owned(), from: r.status.name(), action });
        }
        Ok(r)
    }

    /// Running tasks whose deadline has passed at `now` (the host stops their runners
    /// and fails them with `TIMEOUT`).
    pub fn overdue(&self, now: u64) -> Vec<String> {
        let mut ids: Vec<&TaskRecord> = self
            .tasks
            .values()
            .filter(|r| r.status == Status::Running && r.deadline_ms.is_some_and(|d| now >= d))
            .collect();
        ids.sort_unstable_by_key(|r| r.seq); // seq is unique
        ids.into_iter().map(|r| r.id.clone()).collect()
    }

    /// The earliest deadline of a running task, for the host's timer.
    pub fn next_deadline(&self) -> Option<u64> {
        self.tasks.values().filter(|r| r.status == Status::Running).filter_map(|r| r.deadline_ms).min()
    }

    /// Drops finished records older than the keep time; returns their ids.
    pub fn cleanup(&mut self, now: u64) -> Vec<String> {
        let keep = self.settings.keep_finished_ms;
        let old: Vec<String> = self
            .tasks
            .values()
            .filter(|r| r.finished_ms.is_some_and(|f| now >= f.saturating_add(keep)))
            .map(|r| r.id.clone())
            .collect();
        for id in &old {
            self.tasks.remove(id);
        }
        old
    }

    /// One task's record.
    pub fn get(&self, id: &str) -> Option<&TaskRecord> {
        self.tasks.get(id)
    }

    /// Tasks, optionally only those with `status`, oldest first.
    pub fn list(&self, status: Option<Status>) -> Vec<&TaskRecord> {
        let mut out: Vec<&TaskRecord> = self.tasks.values().filter(|r| status.is_none_or(|s| r.status == s)).collect();
        out.sort_unstable_by_key(|r| r.seq); // seq is unique
        out
    }

    /// Pending tasks, in the order they will run.
    pub fn queued(&self) -> Vec<&str> {
        self.queue.values().map(String::as_str).collect()
    }
}

fn advance(r: &mut TaskRecord, stage: Stage) {
    if stage > r.stage {
        r.stage = stage;
        r.progress = r.progress.max(stage.progress());
    }
}

/// Aggregate progress of a batch: the mean of its tasks' progress, in percent.
pub fn batch_progress(progress: &[u8]) -> f64 {
    if progress.is_empty() {
        100.0
    } else {
        progress.iter().map(|&p| f64::from(p)).sum::<f64>() / progress.len() as f64
    }
}

#[cfg(test)]
mod tests;
