/**
 * msgsim's `p2p-saturated` case (src/bench/cases.ts) on ns-3: two nodes joined by a
 * PointToPointHelper link of 10 Mbps / 10 ms, a sender handing one packet to its device every
 * 0.8 ms (line rate for 1000 B frames), a receiver counting what arrives.
 *
 * Mode `device` (msgsim models no IP or UDP, so this is the closest equivalent): packets go
 * straight to NetDevice::Send and are counted by the far device's receive callback; the
 * payload is 998 B, so that with PPP's 2-byte header the frame on the wire is 1000 B, as
 * msgsim's message is. Mode `udp`: the same link under the Internet stack, a UDP socket
 * sending 970 B payloads (+ 8 B UDP, 20 B IPv4, 2 B PPP = 1000 B frames) to a socket whose
 * receive callback counts them.
 *
 * Arguments: mode, message count. Only Simulator::Run() is timed; one JSON line of figures
 * goes to standard output. The run must deliver every message, the last at exactly
 * count × 0.8 ms + 10 ms (which holds only if every frame is 1000 B and none waited).
 */
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace ns3;

namespace
{

const uint32_t FRAME_BYTES = 1000;
const uint32_t PPP_HEADER_BYTES = 2;
const uint32_t UDP_IPV4_HEADER_BYTES = 8 + 20;
const uint16_t IPV4_ETHERTYPE = 0x0800;
const uint16_t PORT = 9;
/** One 1000 B frame at 10 Mbps. */
const Time INTERVAL = NanoSeconds(800000);
const Time DELAY = MilliSeconds(10);

uint64_t g_count = 1000000;
uint64_t g_sent = 0;
uint64_t g_delivered = 0;
Time g_lastArrival;

void
Arrived()
{
    g_delivered++;
    g_lastArrival = Simulator::Now();
}

bool
DeviceReceive(Ptr<NetDevice>, Ptr<const Packet>, uint16_t, const Address&)
{
    Arrived();
    return true;
}

void
DeviceSend(Ptr<NetDevice> device, Address to)
{
    device->Send(Create<Packet>(FRAME_BYTES - PPP_HEADER_BYTES), to, IPV4_ETHERTYPE);
    if (++g_sent < g_count)
    {
        Simulator::Schedule(INTERVAL, &DeviceSend, device, to);
    }
}

void
SocketReceive(Ptr<Socket> socket)
{
    while (socket->Recv())
    {
        Arrived();
    }
}

void
SocketSend(Ptr<Socket> socket)
{
    socket->Send(Create<Packet>(FRAME_BYTES - PPP_HEADER_BYTES - UDP_IPV4_HEADER_BYTES));
    if (++g_sent < g_count)
    {
        Simulator::Schedule(INTERVAL, &SocketSend, socket);
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string mode = argc > 1 ? argv[1] : "device";
    if (argc > 2)
    {
        g_count = std::strtoull(argv[2], nullptr, 10);
    }
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    link.SetChannelAttribute("Delay", TimeValue(DELAY));
    NetDeviceContainer devices = link.Install(nodes);

    if (mode == "device")
    {
        devices.Get(1)->SetReceiveCallback(MakeCallback(&DeviceReceive));
        Simulator::ScheduleNow(&DeviceSend, devices.Get(0), devices.Get(1)->GetAddress());
    }
    else if (mode == "udp")
    {
        InternetStackHelper internet;
        // IPv4 only: IPv6's neighbour discovery would add frames of its own to the link.
        internet.SetIpv6StackInstall(false);
        internet.Install(nodes);
        Ipv4AddressHelper addresses;
        addresses.SetBase("10.1.1.0", "255.255.255.0");
        Ipv4InterfaceContainer interfaces = addresses.Assign(devices);
        TypeId udp = UdpSocketFactory::GetTypeId();
        Ptr<Socket> receiver = Socket::CreateSocket(nodes.Get(1), udp);
        receiver->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT));
        receiver->SetRecvCallback(MakeCallback(&SocketReceive));
        Ptr<Socket> sender = Socket::CreateSocket(nodes.Get(0), udp);
        sender->Connect(InetSocketAddress(interfaces.GetAddress(1), PORT));
        Simulator::ScheduleNow(&SocketSend, sender);
    }
    else
    {
        std::fprintf(stderr, "unknown mode %s: expected device or udp\n", mode.c_str());
        return 2;
    }

    auto start = std::chrono::steady_clock::now();
    Simulator::Run();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Simulator::Destroy();

    Time expectedLast = INTERVAL * int64_t(g_count) + DELAY;
    if (g_delivered != g_count || g_lastArrival != expectedLast)
    {
        std::fprintf(stderr, "p2p %s delivered %llu of %llu, the last at %lld ns (expected %lld ns)\n",
                     mode.c_str(), (unsigned long long)g_delivered, (unsigned long long)g_count,
                     (long long)g_lastArrival.GetNanoSeconds(), (long long)expectedLast.GetNanoSeconds());
        return 1;
    }
    std::printf("{\"mode\":\"%s\",\"messages\":%llu,\"seconds\":%.6f,\"messages_per_s\":%.1f}\n",
                mode.c_str(), (unsigned long long)g_delivered, seconds, g_delivered / seconds);
    return 0;
}
