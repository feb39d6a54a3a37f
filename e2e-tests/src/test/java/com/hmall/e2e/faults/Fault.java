package com.hmall.e2e.faults;

/** Something that goes wrong while payments flow, and how it is put right again. */
interface Fault {

    String name();

    void inject();

    /** Restores what {@link #inject()} broke; must be safe to call when inject failed half-way. */
    void heal();
}
