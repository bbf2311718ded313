package cn.elicense;

/** An enum constant that mirrors an integer constant of elicense.h. */
interface Coded {
    int code();
}
