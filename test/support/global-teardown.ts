export default async function globalTeardown(): Promise<void> {
  await Promise.all((globalThis.__PARLEY_SERVICES__ ?? []).map((service) => service.stop()));
}
