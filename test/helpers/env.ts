// The services test/run.ts started for this run.
function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`npm test\` (it starts the services they need)`);
  return value;
}

export const testEnv = {
  temporalAddress: () => need('TEST_TEMPORAL_ADDRESS'),
  databaseAdminUrl: () => need('TEST_DATABASE_ADMIN_URL'),
  s3Endpoint: () => need('TEST_S3_ENDPOINT'),
  s3AccessKeyId: () => need('TEST_S3_ACCESS_KEY_ID'),
  s3SecretAccessKey: () => need('TEST_S3_SECRET_ACCESS_KEY'),
  workDir: () => need('TEST_WORK_DIR'),
};

export const uniqueSuffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
