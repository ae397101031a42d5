package my.benteng.platform;

/**
 * The two databases Benteng runs on. Modules need it only where SQL must differ (row claiming,
 * partition maintenance); everything else is written once in SQL both accept.
 */
public enum DatabaseDialect {
    SQLITE,
    POSTGRESQL;

    public boolean isPostgres() {
        return this == POSTGRESQL;
    }
}
