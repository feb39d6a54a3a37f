package com.hmall.e2e.faults;

import java.time.Duration;

/** Something that goes wrong while payments flow, and how it is put right again. */
public interface Fault {

    String name();

    /** Breaks it; returns when the fault is in place (or, for a fault that is a process, done). */
    void inject();

    /** Restores what {@link #inject()} broke; must be safe to call when inject failed half-way. */
    void heal();

    /**
     * How long {@link #inject()} itself is expected to take: zero for a fault that is one blow (a
     * kill, a stop), the length of the whole process for one that is not (a rolling restart). The
     * payments of the fault's third are spread over it, so that payments flow all the while.
     */
    default Duration duration() {
        return Duration.ZERO;
    }
}
