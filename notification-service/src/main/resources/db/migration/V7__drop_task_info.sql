-- Issue 18: every task event carries its task part (title, plan and 文号, lead unit and unit names), so a
-- notification's text comes from the event alone; what the service kept of earlier events goes.
DROP TABLE IF EXISTS task_info;
