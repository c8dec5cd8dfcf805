export async function seedDemo(_c: unknown, _o: unknown): Promise<number> {
  return 1;
}
