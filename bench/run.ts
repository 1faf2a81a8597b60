export async function runBenchmarks(_opts: { participants: number; postgresUrl: string | null }): Promise<void> {
  throw new Error('benchmarks are being written');
}
