package org.duban.task.calendar;

import org.duban.common.calendar.DayKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A day that differs from the plain week: a holiday, or a weekend working day (调休). */
@Entity
@Table(name = "calendar_day")
public class CalendarDay extends PanacheEntityBase {

    /** Where a day came from: the shipped data, or a supervisor's edit. */
    public enum Source { SEED, API }

    @Id
    public LocalDate day;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DayKind kind;

    /** E.g. 国庆节, 春节调休上班. */
    @Column(nullable = false)
    public String name;

    /** Why the supervisor set it (free text), if set through the API. */
    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Source source;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;
}
