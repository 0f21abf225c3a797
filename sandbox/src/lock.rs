//! Poison-tolerant locking: a handler that panicked must not take the server down with it.

use std::sync::{Mutex, MutexGuard};

/// Locks a mutex, recovering from poisoning.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
