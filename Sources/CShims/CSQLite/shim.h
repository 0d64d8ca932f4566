// SQLite (Debian libsqlite3-dev): the database `ccgtext analyze --sqlite` writes. Only
// Sources/CCGExport/SQLiteDatabase.swift imports this module.
#include <sqlite3.h>
