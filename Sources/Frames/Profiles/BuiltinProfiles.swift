/// The profiles shipped with ipdr, as profile-file text (docs/PROFILES.md).
///
/// They are kept as text, not as Swift values, so that they are read by the
/// same decoder as users' files and their SHA-256 in the audit log is the hash
/// of a document an analyst can print and read (`profiles` shows the text's hash).
public enum BuiltinProfiles {
    /// Name → profile text.
    public static let texts: [(name: String, text: String)] = [
        ("dot-ipdr", dotIPDR), ("dot-ipdr-allocation", dotIPDRAllocation), ("zeek-conn", zeekConn), ("nfdump", nfdump),
        ("radius-acct", radiusAcct), ("ipdrdoc", ipdrDoc),
    ]

    /// What `dot-ipdr` and `dot-ipdr-allocation` share: the DoT layout's
    /// zone, column texts, split dates and times, banner and footer.
    static let dotLayout = #"""
      "zone": "Asia/Kolkata",
      "columns": {
        "msisdn": ["Landline/MSISDN/MDN/Leased Circuit ID for Internet Access", "MSISDN", "MDN"],
        "imsi": ["IMSI"],
        "imei": ["Source MAC-ID/Other device ID", "IMEI"],
        "private_ip": ["Source IP Address", "Source IP"],
        "private_port": ["Source Port"],
        "public_ip": ["Translated IP Address", "Public IP Address"],
        "public_port": ["Translated Port", "Public Port"],
        "dst_ip": ["Destination IP Address", "Destination IP"],
        "dst_port": ["Destination Port"],
        "protocol": ["Protocol"],
        "bytes_up": ["Data Volume Up Link", "Uplink Volume"],
        "bytes_down": ["Data Volume Down Link", "Downlink Volume"],
        "cell_id": ["First CELL ID", "Cell ID", "CGI"],
        "lac": ["LAC", "Location Area Code"],
        "apn": ["Access Point Name", "APN"],
        "rat": ["Type of Connection", "RAT"]
      },
      "timestamps": [
        {
          "column": "start_time",
          "date": ["Start Date of Public IP Address Allocation (dd/mm/yyyy)", "Start Date"],
          "time": ["Start Time of Public IP Address Allocation (hh:mm:ss)", "Start Time"],
          "date_format": "dd/mm/yyyy",
          "time_format": "hh:mm:ss"
        },
        {
          "column": "end_time",
          "date": ["End Date of Public IP Address Allocation (dd/mm/yyyy)", "End Date"],
          "time": ["End Time of Public IP Address Allocation (hh:mm:ss)", "End Time"],
          "date_format": "dd/mm/yyyy",
          "time_format": "hh:mm:ss"
        }
      ],
      "banner": { "query": ["IPDR OF", "IPDR FOR"] },
      "footer": ["This is System generated report", "No Records Found"],
      "excel_serial_dates": false,
    """#

    /// The Indian DoT licence IPDR layout (Jio and others): long header texts,
    /// IST dates (dd/mm/yyyy) and times (hh:mm:ss) in separate columns, a
    /// banner with the query above the table and a footer below it. Warns
    /// when every allocation of several rows repeats its volume on each row.
    public static let dotIPDR = #"""
    {
      "name": "dot-ipdr",
      "description": "Indian DoT licence IPDR (Jio and others): split IST date and time columns, banner and footer",
    \#(dotLayout)
      "allocation_volume": {
        "key": ["msisdn", "public_ip", "public_port", "start_time"],
        "columns": ["bytes_up", "bytes_down"],
        "repeats": "warn",
        "suggest": "dot-ipdr-allocation"
      },
      "minimum_matches": 6
    }
    """#

    /// IPDR.org IPDRDoc XML (read by the IPDRDoc reader): the generic IP
    /// session fields (`subscriberId`, `startTime`, `endTime`, `sourceIP`, …,
    /// octets each way) and, of a DOCSIS SAMIS record, the cable modem's MAC
    /// (the device, as the DoT layout's MAC-ID column is) and the CPE address
    /// (the subscriber's address as the internet sees it). DOCSIS octets stay
    /// `serviceOctetsPassed` with `serviceDirection` (1 up, 2 down): one record
    /// per direction, not two columns. `IPDRcreationTime` is when the record
    /// was made, not a session time, and keeps its name.
    public static let ipdrDoc = #"""
    {
      "name": "ipdrdoc",
      "description": "IPDR.org IPDRDoc XML: generic IP session fields and DOCSIS SAMIS modem/CPE identity",
      "columns": {
        "msisdn": ["subscriberId", "MSISDN"],
        "imsi": ["IMSI"],
        "imei": ["IMEI", "CMmacAddress"],
        "private_ip": ["sourceIP", "srcIP"],
        "private_port": ["sourcePort", "srcPort"],
        "public_ip": ["CPEipAddress", "publicIP", "natIP"],
        "public_port": ["publicPort", "natPort"],
        "dst_ip": ["destinationIP", "dstIP"],
        "dst_port": ["destinationPort", "dstPort"],
        "protocol": ["protocolId"],
        "start_time": ["startTime"],
        "end_time": ["endTime"],
        "bytes_up": ["uplinkOctets", "inputOctets"],
        "bytes_down": ["downlinkOctets", "outputOctets"],
        "apn": ["accessPointName"]
      },
      "minimum_matches": 4
    }
    """#

    /// `dot-ipdr` for files that repeat an allocation's volume (bytes up and
    /// down) on every event row of that allocation: the volume stays on each
    /// allocation's first row and the repeats are null, so that `sum()` counts
    /// it once. Never chosen by `profile=auto`: the analyst names it.
    public static let dotIPDRAllocation = #"""
    {
      "name": "dot-ipdr-allocation",
      "description": "dot-ipdr for files that repeat an allocation's volume on each of its event rows: the volume is kept once",
    \#(dotLayout)
      "allocation_volume": {
        "key": ["msisdn", "public_ip", "public_port", "start_time"],
        "columns": ["bytes_up", "bytes_down"],
        "repeats": "keep_first"
      },
      "auto": false,
      "minimum_matches": 6
    }
    """#

    /// Zeek's `conn.log`, as a TSV log (read by the Zeek reader, which types
    /// `ts` and `duration` by `#types`) or as a JSON log (where they are
    /// numbers: `units` makes them a timestamp and a duration): the connection's start,
    /// its end (start + `duration`), its originator as the private side, its
    /// responder as the destination, and the payload bytes each way.
    /// `duration` and the other fields keep their Zeek names.
    public static let zeekConn = #"""
    {
      "name": "zeek-conn",
      "description": "Zeek conn.log: ts, end = ts + duration, originator and responder endpoints, proto, payload bytes",
      "columns": {
        "start_time": ["ts"],
        "private_ip": ["id.orig_h"],
        "private_port": ["id.orig_p"],
        "dst_ip": ["id.resp_h"],
        "dst_port": ["id.resp_p"],
        "protocol": ["proto"],
        "bytes_up": ["orig_bytes"],
        "bytes_down": ["resp_bytes"]
      },
      "units": { "ts": "epoch_seconds", "duration": "seconds" },
      "end_times": [{ "column": "end_time", "start": "start_time", "duration": "duration" }],
      "minimum_matches": 6
    }
    """#

    /// RADIUS accounting detail files (read by the RADIUS reader): the
    /// subscriber's MSISDN, IMSI and IMEI and the address the network gave it
    /// (on a CGNAT network a private address, which the NAT log maps to a
    /// public one). The reader computes `start_time`, `end_time`, `bytes_up`
    /// and `bytes_down`; `NAS-IP-Address`, `Acct-Session-Id` and the other
    /// attributes keep their RADIUS names.
    public static let radiusAcct = #"""
    {
      "name": "radius-acct",
      "description": "RADIUS accounting detail file: Calling-Station-Id, Framed-IP-Address, 3GPP IMSI/IMEISV, Called-Station-Id (APN)",
      "columns": {
        "msisdn": ["Calling-Station-Id"],
        "private_ip": ["Framed-IP-Address"],
        "imsi": ["3GPP-IMSI"],
        "imei": ["3GPP-IMEISV"],
        "apn": ["Called-Station-Id"]
      },
      "minimum_matches": 2
    }
    """#

    /// nfdump's CSV output (`nfdump -o csv`, read by the nfdump reader): a
    /// flow's first and last seen times, its endpoints as exported, protocol
    /// and bytes. `sa`/`sp` stay the flow's source (`src_ip`/`src_port`), not
    /// `private_ip`: NetFlow is one-directional, so a return flow's source is
    /// the server. The NSEL/NEL translated source (`xsa`/`xsp`) is the public side.
    public static let nfdump = #"""
    {
      "name": "nfdump",
      "description": "nfdump CSV export (nfdump -o csv): flow start and end, source and destination, protocol, bytes",
      "columns": {
        "start_time": ["ts"],
        "end_time": ["te"],
        "duration": ["td"],
        "src_ip": ["sa"],
        "src_port": ["sp"],
        "dst_ip": ["da"],
        "dst_port": ["dp"],
        "protocol": ["pr"],
        "bytes_up": ["ibyt"],
        "bytes_down": ["obyt"],
        "public_ip": ["xsa"],
        "public_port": ["xsp"]
      },
      "units": { "td": "seconds" },
      "minimum_matches": 8
    }
    """#
}
