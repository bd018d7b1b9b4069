<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name />
    <message>
        <source>circle</source>
        <translation>cercle</translation>
    </message>
    <message>
        <source>xor</source>
        <translation>ou exclusif</translation>
    </message>
    <message>
        <source>gauss</source>
        <translation>gaussiennes</translation>
    </message>
    <message>
        <source>spiral</source>
        <translation>spirale</translation>
    </message>
    <message>
        <source>moons</source>
        <translation>lunes</translation>
    </message>
    <message>
        <source>checkerboard</source>
        <translation>damier</translation>
    </message>
    <message>
        <source>spiral3</source>
        <translation>spirale à 3 bras</translation>
    </message>
    <message>
        <source>blobs</source>
        <translation>amas</translation>
    </message>
    <message>
        <source>random</source>
        <translation>étiquettes aléatoires</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>vide</translation>
    </message>
    <message>
        <source>plane</source>
        <translation>plan</translation>
    </message>
    <message>
        <source>multi-gaussian</source>
        <translation>multi-gaussienne</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>vos points</translation>
    </message>
    <message>
        <source>train</source>
        <translation>entraînement</translation>
    </message>
    <message>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Try:&lt;/b&gt; press &lt;b&gt;Play&lt;/b&gt; on the circle: the default [4, 2] tanh network (TensorFlow Playground's) gets the test loss under 0.1 in about 50 epochs. Hover a neuron to see what it computes; click a link to change its weight live.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Overfitting&lt;/b&gt; (the lecture's &lt;i&gt;surapprentissage&lt;/i&gt;): choose Exclusive or, 10% training data, noise 50 and 8 layers of 16 neurons. The train loss keeps falling while the test loss turns back up: the network learns the noise. L2 (rate 0.03) or dropout (0.2) narrows the gap.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Random labels:&lt;/b&gt; no structure in the data, no learning possible. A big network memorises the training points, but test accuracy stays at chance.&lt;/p&gt;&lt;p&gt;Click the plot to add points of the chosen class (Shift+click: another class), right-click to remove one.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Essayez :&lt;/b&gt; appuyez sur &lt;b&gt;Lecture&lt;/b&gt; sur le cercle : le réseau [4, 2] tanh par défaut (celui de TensorFlow Playground) fait passer la perte de test sous 0.1 en une cinquantaine d'époques. Survolez un neurone pour voir ce qu'il calcule ; cliquez sur un lien pour changer son poids en direct.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Surapprentissage&lt;/b&gt; : choisissez Ou exclusif, 10 % de données d'entraînement, bruit 50 et 8 couches de 16 neurones. La perte d'entraînement continue de baisser tandis que la perte de test remonte : le réseau apprend le bruit. L2 (taux 0.03) ou le dropout (0.2) réduit l'écart.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Étiquettes aléatoires :&lt;/b&gt; aucune structure dans les données, aucun apprentissage possible. Un grand réseau mémorise les points d'entraînement, mais la précision de test reste au niveau du hasard.&lt;/p&gt;&lt;p&gt;Cliquez sur le graphique pour ajouter des points de la classe choisie (Maj+clic : une autre classe), clic droit pour en retirer un.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Show test data</source>
        <translation>Afficher le test</translation>
    </message>
    <message>
        <source>Discretize output</source>
        <translation>Sortie discrétisée</translation>
    </message>
    <message>
        <source>Click the plot to add a point of this class; Shift+click adds another class</source>
        <translation>Cliquez sur le graphique pour ajouter un point de cette classe ; Maj+clic ajoute une autre classe</translation>
    </message>
    <message>
        <source>as test points</source>
        <translation>points de test</translation>
    </message>
    <message>
        <source>Clicks add test points (drawn with dark edges) instead of training points</source>
        <translation>Les clics ajoutent des points de test (à bord foncé) au lieu de points d'entraînement</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Régénérer</translation>
    </message>
    <message>
        <source>New points from the same data set; the weights stay</source>
        <translation>De nouveaux points du même jeu de données ; les poids restent</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importer CSV…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter CSV…</translation>
    </message>
    <message>
        <source>Click adds:</source>
        <translation>Clic :</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Perte</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>époque</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>perte</translation>
    </message>
    <message>
        <source>Layer {layer}, neuron {unit}</source>
        <translation>Couche {layer}, neurone {unit}</translation>
    </message>
    <message>
        <source>Feature {name}</source>
        <translation>Caractéristique {name}</translation>
    </message>
    <message>
        <source>Import points</source>
        <translation>Importer des points</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Export points</source>
        <translation>Exporter les points</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>Impossible d'écrire {path} : {error}</translation>
    </message>
    <message>
        <source>Exported {n} points to {path}</source>
        <translation>{n} points exportés dans {path}</translation>
    </message>
    <message>
        <source>value +1 (Shift: −1)</source>
        <translation>valeur +1 (Maj : −1)</translation>
    </message>
    <message>
        <source>class {k}</source>
        <translation>classe {k}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Epoch {epoch}&lt;/b&gt; · {engine}</source>
        <translation>&lt;b&gt;Époque {epoch}&lt;/b&gt; · {engine}</translation>
    </message>
    <message>
        <source> · {rate} epochs/s</source>
        <translation> · {rate} époques/s</translation>
    </message>
    <message>
        <source>Loss: train &lt;b style='color:{train_color}'&gt;{train}&lt;/b&gt;, test &lt;b style='color:{test_color}'&gt;{test}&lt;/b&gt;</source>
        <translation>Perte : entraînement &lt;b style='color:{train_color}'&gt;{train}&lt;/b&gt;, test &lt;b style='color:{test_color}'&gt;{test}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Accuracy: train {train}, test {test} (chance {chance})</source>
        <translation>Précision : entraînement {train}, test {test} (hasard {chance})</translation>
    </message>
    <message>
        <source>&lt;b&gt;Overfitting:&lt;/b&gt; the test loss is well above the train loss.</source>
        <translation>&lt;b&gt;Surapprentissage :&lt;/b&gt; la perte de test est nettement au-dessus de la perte d'entraînement.</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>régression</translation>
    </message>
    <message>
        <source>{n} classes</source>
        <translation>{n} classes</translation>
    </message>
    <message>
        <source>Data: {dataset} ({kind}), {n_train} train / {n_test} test points</source>
        <translation>Données : {dataset} ({kind}), {n_train} points d'entraînement / {n_test} de test</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Hover a neuron, a link or a bias to see its value; click a link or a bias to edit it.</source>
        <translation>Survolez un neurone, un lien ou un biais pour voir sa valeur ; cliquez sur un lien ou un biais pour le modifier.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{n}&lt;/b&gt; hidden layers</source>
        <translation>&lt;b&gt;{n}&lt;/b&gt; couches cachées</translation>
    </message>
    <message>
        <source>&lt;b&gt;{n}&lt;/b&gt; hidden layer</source>
        <translation>&lt;b&gt;{n}&lt;/b&gt; couche cachée</translation>
    </message>
    <message>
        <source>Add a hidden layer</source>
        <translation>Ajouter une couche cachée</translation>
    </message>
    <message>
        <source>Remove the last hidden layer</source>
        <translation>Retirer la dernière couche cachée</translation>
    </message>
    <message>
        <source>One neuron fewer in layer {layer}</source>
        <translation>Un neurone de moins dans la couche {layer}</translation>
    </message>
    <message>
        <source>L{layer}: {width}</source>
        <translation>C{layer} : {width}</translation>
    </message>
    <message>
        <source>One neuron more in layer {layer}</source>
        <translation>Un neurone de plus dans la couche {layer}</translation>
    </message>
    <message>
        <source>Activation of hidden layer {layer}</source>
        <translation>Fonction d'activation de la couche cachée {layer}</translation>
    </message>
    <message>
        <source>same</source>
        <comment>activation of a layer: the network's own</comment>
        <translation>idem</translation>
    </message>
    <message>
        <source>layer {layer}, neuron {unit} ({activation})</source>
        <translation>couche {layer}, neurone {unit} ({activation})</translation>
    </message>
    <message>
        <source>output: probability of class {k}</source>
        <translation>sortie : probabilité de la classe {k}</translation>
    </message>
    <message>
        <source>output</source>
        <translation>sortie</translation>
    </message>
    <message>
        <source> · bias {values}</source>
        <translation> · biais {values}</translation>
    </message>
    <message>
        <source> · learned PReLU slope {slope}</source>
        <translation> · pente PReLU apprise {slope}</translation>
    </message>
    <message>
        <source> · on (click to switch off)</source>
        <translation> · utilisée (cliquer pour la retirer)</translation>
    </message>
    <message>
        <source> · off (click to use it)</source>
        <translation> · inutilisée (cliquer pour l'utiliser)</translation>
    </message>
    <message>
        <source>bias layer{layer} = {values} (click to edit)</source>
        <translation>biais, couche de poids {layer} = {values} (cliquer pour modifier)</translation>
    </message>
    <message>
        <source>weight layer{layer} [{source} → {target}] = {values} (click to edit)</source>
        <translation>poids, couche de poids {layer} [{source} → {target}] = {values} (cliquer pour modifier)</translation>
    </message>
</context>
</TS>