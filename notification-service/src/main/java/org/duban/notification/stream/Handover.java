package org.duban.notification.stream;

import org.duban.notification.inbox.Notification;

import java.util.ArrayList;
import java.util.List;

/**
 * What one live stream is handed between its turns (hcons3): the rows this process's consumer committed for its
 * unit, from memory, or the word that it must read the inbox instead. Memory proves there is no gap only while
 * every row of the unit came this way; so a turn reads the database when it starts (the stream's first turn, a
 * resume), when another replica committed or a NOTIFY may have been missed ({@link #mustRead}), when more rows came
 * than {@link #capacity} holds, and when nothing was handed (the backstop, a stream that paged on). Rows handed while
 * a read is due are dropped: the read, which starts after they committed, finds them.
 */
final class Handover {

    /** Rows held for one stream between two turns; past it the next turn reads instead (a stream that lags). */
    static final int CAPACITY = 1_000;

    /** What a turn does: read the inbox ({@code rows} empty), or send {@code rows}. */
    record Turn(boolean read, List<Notification> rows) {
    }

    private final int capacity;
    private List<Notification> rows = new ArrayList<>();
    private boolean read = true;

    Handover() {
        this(CAPACITY);
    }

    Handover(int capacity) {
        this.capacity = capacity;
    }

    /** Rows of the stream's unit committed here; call before waking the stream. */
    synchronized void hand(List<Notification> committed) {
        if (read) {
            return;
        }
        if (rows.size() + committed.size() > capacity) {
            mustRead();
            return;
        }
        rows.addAll(committed);
    }

    /** Rows of the unit may have committed that were not handed: the next turn reads. */
    synchronized void mustRead() {
        read = true;
        rows = new ArrayList<>();
    }

    /** The stream's turn: what was handed since the last one, or a read; the handover starts empty again. */
    synchronized Turn take() {
        Turn t = read || rows.isEmpty() ? new Turn(true, List.of()) : new Turn(false, rows);
        rows = new ArrayList<>();
        read = false;
        return t;
    }
}
