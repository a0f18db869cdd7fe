//! What every handler shares: the store behind one lock, the issued tokens, the configuration.

use super::Config;
use super::db::Db;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Instant;

#[derive(Clone)]
pub struct AppState {
    db: Arc<RwLock<Db>>,
    tokens: Arc<Mutex<HashMap<String, IssuedToken>>>,
    pub config: Arc<Config>,
    /// `http://addr`, for the absolute document links the API hands out.
    pub base_url: Arc<str>,
}

/// A bearer token and whom it was issued to (the audit trail's user).
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub client_id: String,
    /// On the server's clock (`Config::clock`).
    pub expires: Instant,
}

/// The client id the request's token was issued to; set by the auth middleware.
#[derive(Debug, Clone)]
pub struct Caller(pub String);

impl AppState {
    pub fn new(db: Db, config: Config, base_url: String) -> Self {
        AppState {
            db: Arc::new(RwLock::new(db)),
            tokens: Arc::default(),
            config: Arc::new(config),
            base_url: base_url.into(),
        }
    }

    /// A handler that panicked while holding the lock leaves the data usable (every mutation is
    /// applied in one go), so a poisoned lock is taken over rather than failing every request.
    /// Builds whose time is over are finished first (under the write lock), so every reader
    /// sees a created case either building or whole.
    pub fn read(&self) -> RwLockReadGuard<'_, Db> {
        let db = self.db.read().unwrap_or_else(|e| e.into_inner());
        if !db.has_finished_builds() {
            return db;
        }
        drop(db);
        drop(self.write());
        self.db.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, Db> {
        let mut db = self.db.write().unwrap_or_else(|e| e.into_inner());
        if db.has_finished_builds() {
            db.finish_builds();
        }
        db
    }

    pub fn tokens(&self) -> MutexGuard<'_, HashMap<String, IssuedToken>> {
        self.tokens.lock().unwrap_or_else(|e| e.into_inner())
    }
}
