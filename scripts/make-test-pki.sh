#!/usr/bin/env bash
# Makes a throwaway x509 PKI for TLS tests (virtd and the remote driver), with openssl, in DIR:
#   ca/cacert.pem ca/cakey.pem              the test CA (CA:TRUE, keyCertSign)
#   server/{servercert,serverkey}.pem       CN 127.0.0.1, SAN IP 127.0.0.1 + DNS localhost, serverAuth
#   otherhost/{servercert,serverkey}.pem    a server certificate for other.example only (host name mismatch)
#   client/        cacert.pem clientcert.pem clientkey.pem   a good client (libvirt's pkipath layout)
#   expired/       the same, with a client certificate that expired in 2021
#   outsider/      a client whose DN is not on the tests' tls_allowed_dn_list (CN=outsider)
#   wrongca/       a client of another CA (and trusting that CA only)
# The certificates have the properties libvirtd 9.0 insists on (basic constraints, key usage, purpose).
# Usage: make-test-pki.sh DIR
#        make-test-pki.sh host DIR NAME IP   a server certificate for a test host at IP, signed by DIR's CA,
#                                            in DIR/hosts/NAME/{servercert,serverkey}.pem
set -euo pipefail
mode=pki
if [ "${1:-}" = host ]; then
    mode=host
    shift
fi
dir=${1:?usage: make-test-pki.sh DIR | make-test-pki.sh host DIR NAME IP}
mkdir -p "$dir"
cd "$dir"
export OPENSSL_CONF=/dev/null

ca() { # NAME: a CA in NAME/
    mkdir -p "$1"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1/cakey.pem" -out "$1/cacert.pem" -days 3650 \
        -subj "/C=GB/O=SwiftVirt Test/CN=$1 authority" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}

# leaf CA OUTDIR NAME SUBJECT PURPOSE SAN [STARTDATE ENDDATE]: a key and certificate signed by CA.
leaf() {
    local ca=$1 out=$2 name=$3 subject=$4 purpose=$5 san=$6 start=${7:-} end=${8:-}
    mkdir -p "$out"
    openssl req -newkey rsa:2048 -nodes -keyout "$out/${name}key.pem" -out "$out/$name.csr" -subj "$subject" 2>/dev/null
    cat >"$out/$name.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=$purpose
${san:+subjectAltName=$san}
EXT
    if [ -z "$start" ]; then
        openssl x509 -req -in "$out/$name.csr" -CA "$ca/cacert.pem" -CAkey "$ca/cakey.pem" -CAcreateserial \
            -days 3650 -extfile "$out/$name.ext" -out "$out/${name}cert.pem" 2>/dev/null
    else
        # openssl x509 cannot back-date; openssl ca can.
        mkdir -p "$ca/db"
        : >"$ca/db/index.txt"
        [ -f "$ca/db/serial" ] || echo 1000 >"$ca/db/serial"
        cat >"$ca/db/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
database = $PWD/$ca/db/index.txt
serial = $PWD/$ca/db/serial
new_certs_dir = $PWD/$ca/db
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
CNF
        openssl ca -batch -config "$ca/db/ca.cnf" -cert "$ca/cacert.pem" -keyfile "$ca/cakey.pem" \
            -startdate "$start" -enddate "$end" -extfile "$out/$name.ext" -preserveDN -notext \
            -in "$out/$name.csr" -out "$out/${name}cert.pem" 2>/dev/null
    fi
    rm -f "$out/$name.csr" "$out/$name.ext"
}

if [ "$mode" = host ]; then
    name=${2:?host name}
    ip=${3:?host address}
    leaf ca "hosts/$name" server "/C=GB/O=SwiftVirt Test/CN=$ip" serverAuth "IP:$ip"
    chmod 600 "hosts/$name/serverkey.pem"
    exit 0
fi

ca ca
ca otherca
leaf ca server server "/C=GB/O=SwiftVirt Test/CN=127.0.0.1" serverAuth "IP:127.0.0.1,DNS:localhost"
leaf ca otherhost server "/C=GB/O=SwiftVirt Test/CN=other.example" serverAuth "DNS:other.example"
leaf ca client client "/C=GB/L=London/O=SwiftVirt Test/CN=client" clientAuth ""
leaf ca expired client "/C=GB/L=London/O=SwiftVirt Test/CN=expired" clientAuth "" 20200101000000Z 20210101000000Z
leaf ca outsider client "/C=GB/L=Paris/O=Elsewhere/CN=outsider" clientAuth ""
leaf otherca wrongca client "/C=GB/L=London/O=SwiftVirt Test/CN=client" clientAuth ""
for d in client expired outsider; do cp ca/cacert.pem "$d/cacert.pem"; done
cp otherca/cacert.pem wrongca/cacert.pem
chmod 600 */*key.pem
