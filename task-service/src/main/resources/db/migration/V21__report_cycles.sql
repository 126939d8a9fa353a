-- Reporting cycles (报送周期, 定期报送; issue 19). The cycle is stored as JSON on the plan (inherited by its
-- tasks) and on a task (overrides the plan's); report_due holds what each assignment owes per period.
ALTER TABLE plan ADD COLUMN report_cycle JSONB;
ALTER TABLE task ADD COLUMN report_cycle JSONB;

-- One row per assignment and period of its cycle, from the first period due on or after the day it
-- opened. Written with the assignment's change (the reminder batch), fulfilled by progress reports
-- (each fills the earliest unfulfilled period whose window [opens_on, late_until] holds its date).
-- Status: reported_on <= due_on 按时 (on time); reported_on > due_on 逾期 (late); none and past due 未报 (missing).
CREATE TABLE report_due (
    assignment_id  UUID         NOT NULL,
    seq            INT          NOT NULL,     -- 1-based period number in the cycle
    task_id        UUID         NOT NULL,
    unit_code      TEXT         NOT NULL,
    period_key     TEXT         NOT NULL,     -- e.g. 2025-Q3
    period_label   TEXT         NOT NULL,     -- e.g. 2025年第3季度
    period_start   DATE         NOT NULL,
    period_end     DATE         NOT NULL,
    due_on         DATE         NOT NULL,     -- on a working day
    opens_on       DATE         NOT NULL,
    late_until     DATE,                      -- null: the last period, late without bound
    report_id      UUID,
    reported_on    DATE,                      -- Asia/Shanghai date of the report that fulfilled it
    PRIMARY KEY (assignment_id, seq)
);
CREATE INDEX report_due_task ON report_due (task_id);

-- The same reminder machinery fires the reports' reminders: two more kinds, and the period they are for.
ALTER TABLE reminder DROP CONSTRAINT reminder_kind_check;
ALTER TABLE reminder ADD CONSTRAINT reminder_kind_check
    CHECK (kind IN ('APPROACHING', 'OVERDUE', 'REPORT_DUE', 'REPORT_OVERDUE'));
ALTER TABLE reminder ADD COLUMN period_seq INT;
