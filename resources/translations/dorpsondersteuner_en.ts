<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
    <context>
        <name>AdminPage</name>
        <message numerus="yes">
            <source>%n help request(s)</source>
            <translation>
                <numerusform>%n help request</numerusform>
                <numerusform>%n help requests</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ArrangeHelpDialog</name>
        <message numerus="yes">
            <source>%n helper(s) found.</source>
            <translation>
                <numerusform>%n helper found.</numerusform>
                <numerusform>%n helpers found.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Dates</name>
        <message numerus="yes">
            <source>%n days ago</source>
            <translation>
                <numerusform>%n day ago</numerusform>
                <numerusform>%n days ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>in %n days</source>
            <translation>
                <numerusform>in %n day</numerusform>
                <numerusform>in %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n days late</source>
            <translation>
                <numerusform>%n day late</numerusform>
                <numerusform>%n days late</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Words</name>
        <message numerus="yes">
            <source>Overdue: %n day(s) late</source>
            <translation>
                <numerusform>Overdue: %n day late</numerusform>
                <numerusform>Overdue: %n days late</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>At risk: %n day(s) left</source>
            <translation>
                <numerusform>At risk: %n day left</numerusform>
                <numerusform>At risk: %n days left</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) left</source>
            <translation>
                <numerusform>%n day left</numerusform>
                <numerusform>%n days left</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WorkArea</name>
        <message numerus="yes">
            <source>%n help request(s)</source>
            <translation>
                <numerusform>%n help request</numerusform>
                <numerusform>%n help requests</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WorkLists</name>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) late</source>
            <translation>
                <numerusform>%n day late</numerusform>
                <numerusform>%n days late</numerusform>
            </translation>
        </message>
    </context>
</TS>