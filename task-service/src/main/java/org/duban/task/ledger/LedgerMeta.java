package org.duban.task.ledger;

import java.time.LocalDate;
import java.util.UUID;

/** What the ledger is of: the plan and the date its lights and day counts are computed on. */
record LedgerMeta(UUID planId, String documentNumber, String title, LocalDate asOf) {
}
