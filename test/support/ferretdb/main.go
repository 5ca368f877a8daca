// Command ferretdb runs an embedded FerretDB (MongoDB wire protocol over SQLite)
// for Parley's tests and local runs, where no MongoDB server can be installed.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dir := flag.String("dir", "", "SQLite data directory (required unless -postgresql-url is given)")
	postgresURL := flag.String("postgresql-url", "", "store in PostgreSQL instead of SQLite")
	synchronous := flag.String("synchronous", "normal", "SQLite's synchronous setting: normal or full")
	flag.Parse()

	config := &ferretdb.Config{Listener: ferretdb.ListenerConfig{TCP: *listen}}
	switch {
	case *postgresURL != "":
		config.Handler = "postgresql"
		config.PostgreSQLURL = *postgresURL
	case *dir != "":
		if err := os.MkdirAll(*dir, 0o700); err != nil {
			log.Fatal(err)
		}
		if *synchronous != "normal" && *synchronous != "full" {
			log.Fatalf("-synchronous must be normal or full, not %q", *synchronous)
		}
		config.Handler = "sqlite"
		// normal (the default): the directory is deleted when the launcher stops, so an fsync per commit
		// would protect nothing kept. Commits reach the operating system (they survive a crash of this
		// process) and the disk at SQLite's checkpoints. full: an fsync per commit, for comparison.
		// temp_store(memory): FerretDB runs every update in a transaction, so each UPDATE statement opens a
		// statement journal; with temporary files on disk SQLite gives it 64 KiB chunks, which the Go SQLite
		// port maps and unmaps per statement (8% of FerretDB's CPU in an update-heavy profile). In memory
		// it uses 1 KiB chunks from its heap.
		config.SQLiteURL = "file:" + *dir + "/?_pragma=synchronous(" + *synchronous + ")&_pragma=temp_store(memory)"
	default:
		log.Fatal("-dir or -postgresql-url is required")
	}

	f, err := ferretdb.New(config)
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	if config.Handler == "sqlite" {
		go indexIDLookups(ctx, *dir)
	}

	// The harness waits for this line before connecting.
	fmt.Println("ferretdb ready", f.MongoDBURI())

	if err := <-done; err != nil && ctx.Err() == nil {
		log.Fatal(err)
	}
}
