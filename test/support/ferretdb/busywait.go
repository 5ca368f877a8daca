package main

import (
	"fmt"
	"reflect"
	"sync"
	"time"
	"unsafe"

	"modernc.org/libc"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// SQLite lets one transaction write at a time. FerretDB opens up to 100 connections per database and
// leaves a writer that finds the lock taken to SQLite's default busy handler, which sleeps 1, 2, 5, 10, 15,
// 20, 25 ... 100 ms between attempts: with a few concurrent writers, a write that waits once often waits
// far longer than the lock was held (a driver-only test, 8 concurrent inserts: p99 130 ms, max 640 ms,
// against 5 ms one at a time). MongoDB's writers do not queue on one lock, so the stand-in's own backoff
// would dominate Parley's tail latencies in tests and benchmarks. Every connection the SQLite driver opens
// in this process retries instead after 50 µs, doubling up to 400 µs, for as long as FerretDB's
// busy_timeout allows (10 s): the lock is taken again within about a commit's time of its release.
const (
	firstRetry = 50 * time.Microsecond
	retryCap   = 400 * time.Microsecond
	busyLimit  = 10 * time.Second
)

func init() {
	sqlite.RegisterConnectionHook(retryBusyQuickly)
}

// retryBusyQuickly replaces the connection's busy handler. The driver keeps the SQLite handle in
// unexported fields, so they are read through the struct's layout, which is checked first: a driver
// version with another layout fails loudly here instead of corrupting memory.
func retryBusyQuickly(conn sqlite.ExecQuerierContext, _ string) error {
	value := reflect.ValueOf(conn)
	if value.Kind() != reflect.Pointer || value.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("busy handler: unexpected connection type %T", conn)
	}
	layout := value.Elem().Type()
	if layout.NumField() < 2 || layout.Field(0).Name != "db" || layout.Field(0).Type.Kind() != reflect.Uintptr ||
		layout.Field(1).Name != "tls" || layout.Field(1).Type != reflect.TypeOf((*libc.TLS)(nil)) {
		return fmt.Errorf("busy handler: unexpected layout of %s", layout)
	}
	handle := (*struct {
		db  uintptr
		tls *libc.TLS
	})(value.UnsafePointer())
	// The handle is also the handler's argument: it keys when the connection's current wait began.
	if rc := sqlite3.Xsqlite3_busy_handler(handle.tls, handle.db, cFunction(busyRetry), handle.db); rc != sqlite3.SQLITE_OK {
		return fmt.Errorf("busy handler: sqlite3_busy_handler returned %d", rc)
	}
	return nil
}

// waitsSince holds, per connection handle, when its current wait for the lock began.
var waitsSince sync.Map

// busyRetry is the busy handler: SQLite calls it with the number of attempts so far in this wait; 1 means
// try again, 0 gives up (SQLITE_BUSY) once the wait has lasted busyLimit.
func busyRetry(_ *libc.TLS, db uintptr, attempts int32) int32 {
	now := time.Now()
	if attempts == 0 {
		waitsSince.Store(db, now)
	} else if began, ok := waitsSince.Load(db); ok && now.Sub(began.(time.Time)) > busyLimit {
		return 0
	}
	time.Sleep(min(firstRetry<<min(attempts, 8), retryCap))
	return 1
}

// cFunction turns a Go function into the pointer the transpiled SQLite calls, as the driver does for its
// own callbacks (https://golang.org/s/go11func).
func cFunction[T any](f T) uintptr {
	return *(*uintptr)(unsafe.Pointer(&struct{ f T }{f}))
}
