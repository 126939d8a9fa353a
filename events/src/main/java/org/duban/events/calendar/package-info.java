/**
 * duban.calendar: task-service's working-day calendar, one compacted record per year
 * ({@link org.duban.events.calendar.CalendarYear}), kept as a replica by notification-service.
 */
package org.duban.events.calendar;
