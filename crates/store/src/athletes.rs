//! The `athletes` table: whom a connection can read — its own athlete first, then the athletes
//! who share their data with it (a coach's clients).

use crate::{Store, StoreError};
use offpeak_domain::ConnectionId;

/// One athlete a connection can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AthleteRecord {
    pub id: String,
    pub name: String,
    /// The connection's own athlete (the one who signed in).
    pub is_self: bool,
}

impl Store {
    /// Replaces the athletes of a connection with `athletes`, in the order given.
    pub async fn save_athletes(
        &self,
        connection: &ConnectionId,
        athletes: &[AthleteRecord],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM athletes WHERE connection_id = ?")
            .bind(&connection.0)
            .execute(&mut *tx)
            .await?;
        for (position, athlete) in athletes.iter().enumerate() {
            sqlx::query(
                "INSERT OR REPLACE INTO athletes (connection_id, id, name, is_self, position)
                 VALUES (?, ?, ?, ?, ?)",
            )
            .bind(&connection.0)
            .bind(&athlete.id)
            .bind(&athlete.name)
            .bind(athlete.is_self)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The athletes of a connection, its own first.
    pub async fn athletes(
        &self,
        connection: &ConnectionId,
    ) -> Result<Vec<AthleteRecord>, StoreError> {
        let rows: Vec<(String, String, bool)> = sqlx::query_as(
            "SELECT id, name, is_self FROM athletes WHERE connection_id = ?
             ORDER BY is_self DESC, position",
        )
        .bind(&connection.0)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name, is_self)| AthleteRecord { id, name, is_self })
            .collect())
    }
}
