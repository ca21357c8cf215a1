/**
 * The hold model on ns-3's bare simulator, beside msgsim's `hold` case (src/bench/cases.ts):
 * 10,000 events pending, 5,000,000 processed, each event scheduling one successor at
 * now + Exp(mean 1 s) drawn from an ExponentialRandomVariable. The scheduler is the first
 * argument (ns3::MapScheduler, ns3::HeapScheduler, ...); the event count the second.
 * Only Simulator::Run() is timed; one JSON line of figures goes to standard output.
 */
#include "ns3/core-module.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace ns3;

namespace
{

const uint32_t PENDING = 10000;

Ptr<ExponentialRandomVariable> g_holdTime;
uint64_t g_processed = 0;
uint64_t g_events = 5000000;

void
Hold()
{
    if (++g_processed == g_events)
    {
        // Stops after this event: exactly g_events run, as msgsim's maxEvents does.
        Simulator::Stop();
    }
    Simulator::Schedule(Seconds(g_holdTime->GetValue()), &Hold);
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string scheduler = argc > 1 ? argv[1] : "ns3::MapScheduler";
    if (argc > 2)
    {
        g_events = std::strtoull(argv[2], nullptr, 10);
    }
    RngSeedManager::SetSeed(1);
    ObjectFactory factory;
    factory.SetTypeId(scheduler);
    Simulator::SetScheduler(factory);

    g_holdTime = CreateObject<ExponentialRandomVariable>();
    g_holdTime->SetAttribute("Mean", DoubleValue(1.0));
    for (uint32_t i = 0; i < PENDING; i++)
    {
        Simulator::Schedule(Seconds(g_holdTime->GetValue()), &Hold);
    }

    auto start = std::chrono::steady_clock::now();
    Simulator::Run();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Simulator::Destroy();

    if (g_processed != g_events)
    {
        std::fprintf(stderr, "hold ran %llu events, not %llu\n", (unsigned long long)g_processed, (unsigned long long)g_events);
        return 1;
    }
    std::printf("{\"scheduler\":\"%s\",\"events\":%llu,\"seconds\":%.6f,\"events_per_s\":%.1f}\n",
                scheduler.c_str(), (unsigned long long)g_events, seconds, g_events / seconds);
    return 0;
}
