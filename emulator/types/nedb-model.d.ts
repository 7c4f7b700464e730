// NeDB ships types for the Datastore only; its matcher (used for `$pull` conditions) is plain JS.
declare module '@seald-io/nedb/lib/model' {
  const model: {
    match(doc: unknown, query: unknown): boolean;
  };
  export default model;
}
