//! The `TaskTable` JS class: task records, legal transitions, queue order, deadlines.

use wasm_bindgen::prelude::*;

use super::{convert, error};
use crate::tasks::{self, Failure, Stage, Status, TaskSettings};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Where a task is in its life. */
export type TaskStatus = "pending" | "running" | "completed" | "failed" | "cancelled";
/** A stage of the work: progress 0, 5, 20, 50, 90, 100. */
export type TaskStage = "queued" | "started" | "validated" | "laidOut" | "assembled" | "stored";
/** One task's record. */
export interface TaskRecord {
  id: string; key: string; status: TaskStatus; stage: TaskStage; progress: number; priority: number;
  createdMs: number; startedMs?: number | null; finishedMs?: number | null; deadlineMs?: number | null;
  attempts: number; failure?: { code: string; message: string } | null;
}
/** Task table settings. */
export interface TaskSettings {
  /** Time a run may take, in ms; default 300,000. */
  deadlineMs?: number;
  /** How long finished records are kept, in ms; default 3,600,000. */
  keepFinishedMs?: number;
}
"#;

/// Task records and the rules for them: legal state changes, forward-only progress,
/// single flight per cache key, priority-then-FIFO queue order, deadlines. The host
/// runs the work and reports what happened; an illegal change throws.
#[wasm_bindgen]
pub struct TaskTable(tasks::TaskTable);

fn err(e: tasks::TaskError) -> JsValue {
    let js = js_sys::Error::new(&e.to_string());
    js.set_name("SnapdfError");
    let _ = js_sys::Reflect::set(&js, &"code".into(), &"ILLEGAL_TASK_TRANSITION".into());
    js.into()
}

fn stage(name: &str) -> Result<Stage, JsValue> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).map_err(|_| {
        error::to_js(&crate::Error::Options { path: "stage".into(), message: format!("unknown stage `{name}`") })
    })
}

#[wasm_bindgen]
impl TaskTable {
    /// A table with these settings.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TaskSettings | undefined")] settings: JsValue,
    ) -> Result<TaskTable, JsValue> {
        let settings: TaskSettings = convert::from_js(settings).map_err(|e| error::to_js(&e))?;
        Ok(TaskTable(tasks::TaskTable::new(settings)))
    }

    /// Queues a task, or joins the pending or running task of the same key.
    /// @returns `{ kind: "queued" | "joined", id }` (for "joined", the existing task's id)
    #[wasm_bindgen(unchecked_return_type = "{ kind: \"queued\" | \"joined\", id: string }")]
    pub fn create(&mut self, id: &str, key: &str, priority: i32, now: f64) -> JsValue {
        convert::to_js(&self.0.create(id, key, priority, convert::to_u64(now)))
    }

    /// Records a task answered at once from the cache.
    #[wasm_bindgen(js_name = recordCompleted)]
    pub fn record_completed(&mut self, id: &str, key: &str, now: f64) {
        self.0.record_completed(id, key, convert::to_u64(now));
    }

    /// Starts the next pending task; returns its id, or undefined if none waits.
    #[wasm_bindgen(js_name = startNext)]
    pub fn start_next(&mut self, now: f64) -> Option<String> {
        self.0.start_next(convert::to_u64(now))
    }

    /// Moves a running task to a later stage; returns its progress.
    /// @throws SnapdfError `ILLEGAL_TASK_TRANSITION`
    pub fn advance(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "TaskStage")] stage_name: &str,
    ) -> Result<u8, JsValue> {
        self.0.advance(id, stage(stage_name)?).map_err(err)
    }

    /// Completes a running task.
    /// @throws SnapdfError `ILLEGAL_TASK_TRANSITION`
    pub fn complete(&mut self, id: &str, now: f64) -> Result<(), JsValue> {
        self.0.complete(id, convert::to_u64(now)).map_err(err)
    }

    /// Fails a pending or running task.
    /// @throws SnapdfError `ILLEGAL_TASK_TRANSITION`
    pub fn fail(&mut self, id: &str, code: &str, message: &str, now: f64) -> Result<(), JsValue> {
        let failure = Failure { code: code.to_owned(), message: message.to_owned() };
        self.0.fail(id, failure, convert::to_u64(now)).map_err(err)
    }

    /// Cancels a pending or running task.
    /// @throws SnapdfError `ILLEGAL_TASK_TRANSITION`
    pub fn cancel(&mut self, id: &str, now: f64) -> Result<(), JsValue> {
        self.0.cancel(id, convert::to_u64(now)).map_err(err)
    }

    /// Puts a running task back in the queue (its runner crashed; retry).
    /// @throws SnapdfError `ILLEGAL_TASK_TRANSITION`
    pub fn requeue(&mut self, id: &str) -> Result<(), JsValue> {
        self.0.requeue(id).map_err(err)
    }

    /// Running tasks whose deadline has passed.
    pub fn overdue(&self, now: f64) -> Vec<String> {
        self.0.overdue(convert::to_u64(now))
    }

    /// The earliest deadline of a running task, or undefined.
    #[wasm_bindgen(js_name = nextDeadline)]
    pub fn next_deadline(&self) -> Option<f64> {
        self.0.next_deadline().map(|d| d as f64)
    }

    /// Drops finished records past their keep time; returns their ids.
    pub fn cleanup(&mut self, now: f64) -> Vec<String> {
        self.0.cleanup(convert::to_u64(now))
    }

    /// One task's record, or undefined.
    #[wasm_bindgen(unchecked_return_type = "TaskRecord | undefined")]
    pub fn get(&self, id: &str) -> JsValue {
        self.0.get(id).map_or(JsValue::UNDEFINED, convert::to_js)
    }

    /// Task records, oldest first, optionally of one status.
    #[wasm_bindgen(unchecked_return_type = "TaskRecord[]")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TaskStatus | undefined")] status: JsValue,
    ) -> Result<JsValue, JsValue> {
        let status: Option<Status> = convert::from_js(status).map_err(|e| error::to_js(&e))?;
        Ok(convert::to_js(&self.0.list(status)))
    }
}

/// Aggregate progress of a batch: the mean of its tasks' progress, in percent.
#[wasm_bindgen(js_name = batchProgress)]
pub fn batch_progress(progress: &[u8]) -> f64 {
    tasks::batch_progress(progress)
}
