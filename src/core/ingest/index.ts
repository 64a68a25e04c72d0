/** Ingestion's public face: rows in, leads and data issues out. */
export { ingestRows, ingestSource, type IngestOptions } from './ingest';
export { ArrayRowSource, type RowSource } from './row-source';
