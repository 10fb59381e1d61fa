export { APPLICATION_ID, migrations, SCHEMA_VERSION, type Migration } from './migrations.js';
export { checkSchema, migrate, type SchemaState } from './openSchema.js';
