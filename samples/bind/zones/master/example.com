; example.com: Alice's zone. Bump the serial (YYYYMMDDNN) on every change:
; secondaries transfer only a higher serial.
$TTL 3600
@	IN	SOA	ns1.example.com. hostmaster.example.com. (
			2026112501	; serial
			3600		; refresh
			900		; retry
			1209600		; expire
			300 )		; negative-answer TTL

	IN	NS	ns1.example.com.
	IN	NS	ns2.example.com.
	IN	MX	10 mail.example.com.
	IN	MX	20 mail2.example.com.
	IN	TXT	"v=spf1 mx -all"
	IN	A	192.0.2.10
	IN	AAAA	2001:db8::10

ns1	IN	A	192.0.2.1
ns1	IN	AAAA	2001:db8::1
ns2	IN	A	198.51.100.1
ns2	IN	AAAA	2001:db8:1::1

mail	IN	A	192.0.2.25
mail	IN	AAAA	2001:db8::25
mail2	IN	A	198.51.100.25

www	IN	A	192.0.2.10
www	IN	AAAA	2001:db8::10
ftp	IN	CNAME	www
_dmarc	IN	TXT	"v=DMARC1; p=reject; rua=mailto:dmarc@example.com"

; Delegation: lab.example.com is run by the lab's own servers; glue below.
lab	IN	NS	ns1.lab.example.com.
lab	IN	NS	ns2.lab.example.com.
ns1.lab	IN	A	203.0.113.53
ns1.lab	IN	AAAA	2001:db8:53::1
ns2.lab	IN	A	203.0.113.54
